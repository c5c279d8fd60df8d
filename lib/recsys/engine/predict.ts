/**
 * The one predicted rating a visitor sees, for any movie: the predictor model (PREDICTOR_MODEL_KEY) through
 * lib/recsys's shrunk rating predictor, once the profile has PREDICTION_MIN_RATINGS ratings.
 */
import { PREDICTION_MIN_RATINGS, PREDICTOR_MODEL_KEY } from '@/lib/recsys/model-specs';
import type { Model } from '@/lib/recsys/registry';
import { createRatingPredictor, type RatingPredictor } from '@/lib/recsys/rating-predictor';
import type { RatedMovie } from '@/lib/recsys/types';
import type { Engine } from './engine';

const predictors = new WeakMap<Model, RatingPredictor>();

/** movieId → predicted rating on the 0.5–5 scale; null when the profile is too small or the model is not ready. */
export function predictRatingsWithEngine(
  engine: Engine | null,
  profile: readonly RatedMovie[],
  movieIds: readonly number[],
): Map<number, number> | null {
  if (profile.length < PREDICTION_MIN_RATINGS) return null;
  const model = engine?.recommender(PREDICTOR_MODEL_KEY)?.model;
  if (!model || (model.kind !== 'nmf' && model.kind !== 'mf')) return null;
  let predictor = predictors.get(model);
  if (!predictor) {
    predictor = createRatingPredictor(model);
    predictors.set(model, predictor);
  }
  const predicted = predictor.predict(profile, movieIds);
  const out = new Map<number, number>();
  movieIds.forEach((movieId, i) => {
    const rating = predicted[i];
    if (rating !== null && rating !== undefined) out.set(movieId, Math.round(rating * 10) / 10);
  });
  return out;
}
