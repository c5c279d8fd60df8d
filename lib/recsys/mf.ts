/**
 * Biased matrix factorisation (r̂ = μ + b_u + b_j + w_u·h_j, no sign constraint, ridge-regularised ALS):
 * the rating predictor of the toolkit (best RMSE in the evaluation). It shares the masked-NMF code path
 * (fit in nmf-masked.ts, fold-in / explain in nmf-recommender.ts); its explanations say kind 'mf'.
 */
import type { RatingMatrix } from './matrix';
import type { MfModel, NmfOptions } from './nmf';
import { fitBiasedMf } from './nmf-masked';
import { createNmfRecommender } from './nmf-recommender';
import type { Recommender } from './types';

export type { MfModel } from './nmf';
export type MfOptions = Omit<NmfOptions, 'fill'>;

/** Fits biased MF by ALS (defaults: rank 20, 30 epochs, regularization 0.1·count, bias regularization 5). */
export function fitMf(mat: RatingMatrix, options: MfOptions = {}): MfModel {
  return fitBiasedMf(mat, { ...options, fill: 'masked' });
}

export function createMfRecommender(model: MfModel): Recommender {
  const inner = createNmfRecommender(model);
  const relabel = <T extends { kind: string }>(e: T) =>
    e.kind === 'nmf' ? { ...e, kind: 'mf', text: 'Movies you rated whose factors point the same way' } : e;
  return {
    ...inner,
    recommend: (profile, options) =>
      inner.recommend(profile, options).map((r) => ({ ...r, explanation: relabel(r.explanation) })),
    explain: (profile, movieId) => relabel(inner.explain(profile, movieId)),
  };
}
