/**
 * The public face of lib/recsys: fit any algorithm from rating rows, rebuild a recommender from a
 * serialised model, and the helpers the pages use (similar movies, the user similarity heat map).
 */
import { createCosineRecommender, fitCosine, type CosineModel, type CosineOptions } from './cosine';
import { createEaseRecommender, fitEase, type EaseModel, type EaseOptions } from './ease';
import { createEaseIalsRecommender, fitEaseIals, type EaseIalsModel, type EaseIalsOptions } from './ease-ials';
import { buildRatingMatrix, type RatingColumns, type RatingMatrix, type RatingRow } from './matrix';
import { createMfRecommender, fitMf, type MfModel, type MfOptions } from './mf';
import type { NmfModel, NmfOptions } from './nmf';
import { createNmfRecommender, fitNmf } from './nmf-recommender';
import { createPopularRecommender, fitPopular, type PopularModel, type PopularOptions } from './popular';
import { decodeModel, encodeModel } from './serialize';
import type { AlgorithmName, Recommender } from './types';

export type { RatedMovie, Recommendation, Recommender, RecommendOptions, Explanation, NmfFill, AlgorithmName } from './types';
export { buildRatingMatrix, type RatingMatrix, type RatingRow, type RatingColumns } from './matrix';
export { fitNmf, foldIn, similarMovies } from './nmf-recommender';
export { fitCosine, userSimilarityMatrix, visitorSimilarities } from './cosine';
export { fitPopular } from './popular';
export { fitEase } from './ease';
export { fitMf } from './mf';
export { fitEaseIals } from './ease-ials';

export type Model = NmfModel | CosineModel | PopularModel | EaseModel | MfModel | EaseIalsModel;

export type FitOptions =
  | ({ algorithm: 'nmf' } & NmfOptions)
  | ({ algorithm: 'cosine' } & CosineOptions)
  | ({ algorithm: 'popular' } & PopularOptions)
  | ({ algorithm: 'ease' } & EaseOptions)
  | ({ algorithm: 'mf' } & MfOptions)
  | ({ algorithm: 'ease-ials' } & EaseIalsOptions);

/** Fits the model of `options.algorithm` on a rating matrix. */
export function fitModel(mat: RatingMatrix, options: FitOptions): Model {
  switch (options.algorithm) {
    case 'nmf': return fitNmf(mat, options);
    case 'cosine': return fitCosine(mat, options);
    case 'popular': return fitPopular(mat, options);
    case 'ease': return fitEase(mat, options);
    case 'mf': return fitMf(mat, options);
    case 'ease-ials': return fitEaseIals(mat, options);
    default: throw new RangeError(`unknown algorithm '${(options as { algorithm: string }).algorithm}'`);
  }
}

/** The recommender over a fitted (or deserialised) model. */
export function createRecommender(model: Model): Recommender {
  switch (model.kind) {
    case 'nmf': return createNmfRecommender(model);
    case 'cosine': return createCosineRecommender(model);
    case 'popular': return createPopularRecommender(model);
    case 'ease': return createEaseRecommender(model);
    case 'mf': return createMfRecommender(model);
    case 'ease-ials': return createEaseIalsRecommender(model);
  }
}

/** Builds the matrix, fits and wraps in one call: `fitRecommender(rows, { algorithm: 'nmf', fill: 'movie-median' })`. */
export function fitRecommender(rows: readonly RatingRow[] | RatingColumns | RatingMatrix, options: FitOptions): { model: Model; recommender: Recommender } {
  const mat = 'rowPtr' in rows ? rows : buildRatingMatrix(rows);
  const model = fitModel(mat, options);
  return { model, recommender: createRecommender(model) };
}

/** Serialises a fitted model to bytes (see serialize.ts for the layout). */
export function serializeModel(model: Model): Uint8Array {
  return encodeModel(model);
}

/** The inverse of serializeModel. */
export function deserializeModel(bytes: Uint8Array): Model {
  const fields = decodeModel(bytes);
  const kinds: AlgorithmName[] = ['nmf', 'cosine', 'popular', 'ease', 'mf', 'ease-ials'];
  if (!kinds.includes(fields.kind as AlgorithmName)) throw new RangeError(`unknown model kind '${fields.kind}'`);
  return fields as unknown as Model;
}
