/**
 * The one predicted rating the site shows ("for you: 4.2★"), from the best rating predictor (masked NMF
 * with biases, RMSE 0.858; biased MF 0.865 also works), made honest for visitors with few ratings.
 *
 * A fold-in of a handful of ratings fits them too well: two 5★ ratings give a large visitor bias and a
 * factor vector pointing at everything popular, and the plain prediction μ + b_j + b_u + w·h_j sits at
 * the 5★ cap on every card. Here the visitor's part is shrunk by their support n (known movies rated):
 *   r̂_j = clamp(μ + b_j + n/(n + λ) · (b_u + w·h_j), 0.5, 5)
 * so with n = 0 the prediction is the movie's baseline μ + b_j (its mean, shrunk towards the global
 * mean in training), and as n grows it tends to the model's own prediction. One Bayesian reading: a
 * prior on the visitor's deviation worth λ ratings. λ is chosen on the evaluation protocol (see
 * `DEFAULT_PREDICTOR_SHRINKAGE`). O(|profile|·k² + k³) per call plus O(k) per movie.
 */
import { clampRating, profileVector } from './common';
import type { MfModel, NmfModel } from './nmf';
import { foldIn } from './nmf-recommender';
import { movieIndexOf } from './popular';
import type { RatedMovie } from './types';

/**
 * λ, measured with scripts/rating-predictor.ts (ml-latest-small; RMSE on the evaluate protocol: 80/20 per
 * user, seed 42; "5.0★" = cards whose prediction shows as 5.0 among the model's own top 12, for a
 * 2-rating profile and three 10 × 5★ genre fans — table in README.md):
 *   masked NMF λ 0 (as is) RMSE 0.8579, 5.0★ on 12/12 cards for 2 ratings and 12/12 for each fan;
 *   λ 5: 0.8585, 0/12 and up to 5/12; λ 10: 0.8594, 0/12 everywhere; λ 20: 0.8614, 0/12.
 * 10 is the smallest λ with no card at the cap in any persona, for +0.0015 RMSE.
 */
export const DEFAULT_PREDICTOR_SHRINKAGE = 10;

export interface RatingPredictorOptions {
  /** λ of n/(n + λ) (default DEFAULT_PREDICTOR_SHRINKAGE; 0 gives the model's own predictions). */
  shrinkage?: number;
}

export interface RatingPredictor {
  readonly shrinkage: number;
  /** Predicted ratings in 0.5..5 for `movieIds`, null for a movie the model does not know. */
  predict(profile: readonly RatedMovie[], movieIds: readonly number[]): (number | null)[];
}

/** Wraps a masked NMF (with biases) or biased MF model; RangeError for a model without biases. */
export function createRatingPredictor(
  model: NmfModel | MfModel,
  options: RatingPredictorOptions = {},
): RatingPredictor {
  const { shrinkage = DEFAULT_PREDICTOR_SHRINKAGE } = options;
  if (!(shrinkage >= 0)) throw new RangeError(`rating predictor: shrinkage must be ≥ 0, got ${shrinkage}`);
  if (model.fill !== 'masked' || model.globalMean === 0) {
    throw new RangeError(
      `rating predictor: needs a masked model with biases (μ + b_u + b_j + w·h), got fill '${model.fill}'${model.globalMean === 0 ? ' without biases' : ''}`,
    );
  }
  const index = movieIndexOf(model.movieIds);
  const k = model.rank;
  return {
    shrinkage,
    predict(profile, movieIds) {
      const pv = profileVector(profile, index);
      const n = pv.positions.length;
      const f = n > 0 ? foldIn(model, pv) : null;
      const weight = n > 0 ? n / (n + shrinkage) : 0;
      return movieIds.map((id) => {
        const j = index.get(id);
        if (j === undefined) return null;
        let personal = 0;
        if (f) {
          personal = f.bias;
          for (let t = 0; t < k; t++) personal += (f.w[t] as number) * (model.H[j * k + t] as number);
        }
        return clampRating(model.globalMean + (model.movieBias[j] as number) + weight * personal);
      });
    },
  };
}
