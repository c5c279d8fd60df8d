/** The one place the engine touches lib/recsys: fit a model to bytes, bytes back to a recommender, similar movies. */
import {
  createRecommender,
  deserializeModel,
  fitModel,
  serializeModel,
  type FitOptions,
  type Model,
} from '@/lib/recsys';
import { fitItemSimilarity, type ItemSimilarityModel } from '@/lib/recsys/item-similarity';
import type { RatingMatrix } from '@/lib/recsys/matrix';
import type { Recommender } from '@/lib/recsys/types';
import { paramsKey, type ModelSpec } from '@/lib/recsys/model-specs';
import { decodeModel, encodeModel } from '@/lib/recsys/serialize';

/** What a fit needs of a served model's spec. */
export type FitJob = Pick<ModelSpec, 'key' | 'algorithm' | 'params'>;

export interface LoadedRecommender {
  recommender: Recommender;
  model: Model;
}

/**
 * A fitted model's bytes. A model that keeps the rating matrix (cosine) names it by fingerprint instead of storing a
 * copy: the engine serves from a matrix of the same data version and hands it back to recommenderFromPayload.
 */
export function fitModelPayload(matrix: RatingMatrix, job: FitJob): Uint8Array {
  return serializeModel(fitModel(matrix, { ...job.params, algorithm: job.algorithm } as FitOptions), {
    matrix: 'reference',
  });
}

/**
 * The recommender of a stored or just fitted model; `matrix` is the one it was fitted on (a MatrixMismatchError else).
 * The payload is handed over: the model's arrays are views into it, as in the decoders below.
 */
export function recommenderFromPayload(
  job: Pick<FitJob, 'key' | 'algorithm'>,
  payload: Uint8Array,
  matrix: RatingMatrix,
): LoadedRecommender {
  const model = deserializeModel(payload, { matrix, views: true });
  if (model.kind !== job.algorithm) throw new Error(`stored ${job.key} holds a '${model.kind}' model`);
  return {
    recommender: createRecommender(model),
    model,
  };
}

/** The item–item model behind "similar movies" (lib/recsys/item-similarity.ts, its defaults: phi of liking, top 50). */
export function computeItemSimilarity(matrix: RatingMatrix): ItemSimilarityModel {
  return fitItemSimilarity(matrix);
}

/** Where the item–item model is stored (lib/data/model-store.ts), beside the served models of a data version. */
export const ITEM_SIMILARITY_KEY = { algorithm: 'item-similarity', paramsKey: paramsKey({}) };

export function itemSimilarityPayload(model: ItemSimilarityModel): Uint8Array {
  return encodeModel(model);
}

export function itemSimilarityFromPayload(payload: Uint8Array): ItemSimilarityModel {
  const model = decodeModel(payload, { views: true });
  if (model.kind !== 'item-similarity')
    throw new RangeError(`stored similar movies hold a '${model.kind}' model`);
  return model as unknown as ItemSimilarityModel;
}

/**
 * Where the training matrix of a data version is stored, beside its models: an instance that finds it reads ~8 bytes
 * a rating instead of COPYing 26 a rating and building the matrix (most of a start at 32M ratings).
 */
export const RATING_MATRIX_KEY = { algorithm: 'rating-matrix', paramsKey: paramsKey({}) };

export function ratingMatrixPayload(matrix: RatingMatrix): Uint8Array {
  const stored = { kind: 'rating-matrix', matrix };
  return encodeModel(stored);
}

export function ratingMatrixFromPayload(payload: Uint8Array): RatingMatrix {
  const stored = decodeModel(payload, { views: true });
  if (stored.kind !== 'rating-matrix' || !stored.matrix)
    throw new RangeError(`the stored rating matrix holds a '${stored.kind}' model`);
  return stored.matrix as RatingMatrix;
}
