/**
 * Popularity baseline: the fallback for visitors with no (known) ratings and the evaluation floor.
 * 'count' ranks by number of ratings (the better ranker on MovieLens, see the evaluation);
 * 'damped-mean' ranks by (Σr + D·μ) / (count + D), a mean shrunk towards the global mean μ.
 * predict always answers the damped mean, a sensible rating baseline.
 */
import { clampRating, profileVector, topPositions } from './common';
import { movieStats, type RatingMatrix } from './matrix';
import type { Explanation, RatedMovie, Recommendation, Recommender, RecommendOptions } from './types';

export interface PopularOptions {
  by?: 'count' | 'damped-mean';
  /** D in the damped mean (default 10). */
  damping?: number;
}

export interface PopularModel {
  readonly kind: 'popular';
  readonly movieIds: Int32Array;
  readonly counts: Int32Array;
  readonly means: Float64Array;
  readonly globalMean: number;
  readonly by: 'count' | 'damped-mean';
  readonly damping: number;
}

/** Counts and means per movie. O(nnz). */
export function fitPopular(
  mat: RatingMatrix,
  { by = 'count', damping = 10 }: PopularOptions = {},
): PopularModel {
  if (by !== 'count' && by !== 'damped-mean') throw new RangeError(`popular: unknown ranking '${by}'`);
  if (!(damping >= 0)) throw new RangeError(`popular: damping must be ≥ 0, got ${damping}`);
  const { counts, means, globalMean } = movieStats(mat);
  return { kind: 'popular', movieIds: mat.movieIds, counts, means, globalMean, by, damping };
}

export function dampedMean(
  model: Pick<PopularModel, 'counts' | 'means' | 'globalMean'>,
  j: number,
  damping = 10,
): number {
  const c = model.counts[j] as number;
  return (c * (model.means[j] as number) + damping * model.globalMean) / (c + damping);
}

/** The popularity explanation of movie position j. */
export function popularExplanation(model: Pick<PopularModel, 'counts' | 'means'>, j: number): Explanation {
  return { kind: 'popular', ratingCount: model.counts[j] as number, meanRating: model.means[j] as number };
}

/** Ranks the catalogue by popularity (the shared empty-profile fallback of every recommender). */
export function popularRecommendations(
  stats: Pick<PopularModel, 'movieIds' | 'counts' | 'means'> & { by?: PopularModel['by']; damping?: number },
  profile: readonly RatedMovie[],
  movieIndex: ReadonlyMap<number, number>,
  options?: RecommendOptions,
): Recommendation[] {
  const { by = 'count', damping = 10 } = stats;
  let sum = 0;
  let total = 0;
  stats.counts.forEach((c, j) => {
    sum += c * (stats.means[j] as number);
    total += c;
  });
  const model = { ...stats, globalMean: total ? sum / total : 0 };
  const scores = new Float64Array(model.movieIds.length);
  for (let j = 0; j < scores.length; j++)
    scores[j] = by === 'count' ? (model.counts[j] as number) : dampedMean(model, j, damping);
  const pv = profileVector(profile, movieIndex);
  return topPositions(scores, model.movieIds, pv, options).map((j) => ({
    movieId: model.movieIds[j] as number,
    score: scores[j] as number,
    predictedRating: clampRating(dampedMean(model, j, damping)),
    explanation: popularExplanation(model, j),
  }));
}

export function movieIndexOf(movieIds: Int32Array): Map<number, number> {
  const index = new Map<number, number>();
  movieIds.forEach((id, j) => index.set(id, j));
  return index;
}

export function createPopularRecommender(model: PopularModel): Recommender {
  const index = movieIndexOf(model.movieIds);
  return {
    algorithm: 'popular',
    params: { by: model.by, damping: model.damping },
    recommend: (profile, options) => popularRecommendations(model, profile, index, options),
    predict: (_profile, movieIds) =>
      movieIds.map((id) => {
        const j = index.get(id);
        return j === undefined ? null : clampRating(dampedMean(model, j, model.damping));
      }),
    explain: (_profile, movieId) => {
      const j = index.get(movieId);
      return j === undefined
        ? { kind: 'popular', ratingCount: 0, meanRating: 0 }
        : popularExplanation(model, j);
    },
  };
}
