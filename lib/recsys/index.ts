/**
 * The public face of lib/recsys: fit any algorithm of the registry from a rating matrix, rebuild a recommender
 * from a serialised model, and the helpers the pages use (similar movies, user similarity).
 */
import { algorithmEntry, isAlgorithmName, type FitOptions, type Model } from './registry';
import { decodeModel, encodeModel, type DecodeOptions, type EncodeOptions } from './serialize';
import type { RatingMatrix } from './matrix';
import type { Recommender } from './types';

export type {
  RatedMovie,
  Recommendation,
  Recommender,
  RecommendOptions,
  Explanation,
  NmfFill,
} from './types';
export { NMF_FILLS } from './types';
export { ALGORITHMS, ALGORITHM_NAMES, allVariants, isAlgorithmName } from './registry';
export type { AlgorithmName, FitOptions, Model } from './registry';
export { buildRatingMatrix, type RatingMatrix, type RatingRow, type RatingColumns } from './matrix';
export { foldIn, similarMovies } from './nmf-recommender';
export { userSimilaritiesAmong, visitorSimilarities } from './cosine';
export {
  createRatingPredictor,
  DEFAULT_PREDICTOR_SHRINKAGE,
  type RatingPredictor,
  type RatingPredictorOptions,
} from './rating-predictor';
export {
  fitItemSimilarity,
  similarMoviesFrom,
  type ItemSimilarityModel,
  type ItemSimilarityOptions,
} from './item-similarity';

/** Fits the model of `options.algorithm` on a rating matrix. */
export function fitModel(mat: RatingMatrix, options: FitOptions): Model {
  const { algorithm, ...rest } = options;
  if (!isAlgorithmName(algorithm)) throw new RangeError(`unknown algorithm '${String(algorithm)}'`);
  return algorithmEntry(algorithm).fit(mat, rest);
}

/** The recommender over a fitted (or deserialised) model. */
export function createRecommender(model: Model): Recommender {
  return algorithmEntry(model.kind).create(model);
}

/** Serialises a fitted model to bytes (see serialize.ts for the layout). */
export function serializeModel(model: Model, options?: EncodeOptions): Uint8Array {
  return encodeModel(model, options);
}

/** The inverse of serializeModel. */
export function deserializeModel(bytes: Uint8Array, options?: DecodeOptions): Model {
  const fields = decodeModel(bytes, options);
  if (!isAlgorithmName(fields.kind)) throw new RangeError(`unknown model kind '${fields.kind}'`);
  return fields as unknown as Model;
}
