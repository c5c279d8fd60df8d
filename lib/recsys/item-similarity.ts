/**
 * Item–item similarity for "similar movies": each movie's top-K neighbours by a co-rating measure,
 * kept as a small serialisable model (movies × K positions and figures, ~9,700 × 50 on ml-latest-small).
 *
 * Every measure is computed over the users who rated both movies (n_ij of them) and multiplied by the
 * shrinkage n_ij / (n_ij + β), so a pair seen together by three people cannot outrank one seen by sixty:
 *  - 'cosine':     Σ r_ui r_uj / (‖r_i‖ ‖r_j‖), ratings as given (norms over all of a movie's ratings).
 *  - 'adjusted':   the same on r − μ_u (each user's mean removed): "liked more than usual" together;
 *                  negative values are dropped.
 *  - 'binary':     n_ij / √(n_i n_j) (Ochiai: who watched both, whatever the rating).
 *  - 'asymmetric': n_ij / (n_i^α n_j^(1−α)) (Aiolli's asymmetric cosine; α > ½ favours popular neighbours).
 *  - 'liked':      binary cosine over ratings ≥ `likedAt` only: people who liked both / √(liked_i liked_j).
 *  - 'phi':        the correlation of the two "liked it" indicators over all N users (a lift-like measure:
 *                  (N n_ij − n_i n_j) / √(n_i n_j (N − n_i)(N − n_j)), negatives dropped); corrects for
 *                  popularity, which every cosine above rewards.
 * All lie in [0, 1]. Measured on the fan pair list (fixtures/similar-movie-pairs.json, 71 pairs, with
 * scripts/similar-movies.ts; table in README.md) the default is 'phi' on "liked" = ≥ 3.5★ with β = 2:
 * 56/71 pairs in each other's top 10 (67/71 in one direction), against 29/71 for the zeros-NMF factors.
 * The figure is that correlation: 0 means liking one movie says nothing about liking the other, 1 that
 * exactly the same people liked both; on ml-latest-small a popular movie's best match is typically
 * 40–70 % and its 10th 30 %, so as a percentage it separates a sequel from a same-decade blockbuster.
 *
 * Cost: Σ_u (ratings of u)² multiply-adds with one movies-long scratch row, O(movies) memory besides
 * the model; 0.4–0.6 s on ml-latest-small (two busy cores).
 */
import { raterSample, samplePosition, type RatingMatrix } from './matrix';
import { TopK } from './common';
import { movieIndexOf } from './popular';

export type ItemSimilarityMeasure = 'cosine' | 'adjusted' | 'binary' | 'asymmetric' | 'liked' | 'phi';
export const ITEM_SIMILARITY_MEASURES: readonly ItemSimilarityMeasure[] = [
  'cosine',
  'adjusted',
  'binary',
  'asymmetric',
  'liked',
  'phi',
];

export interface ItemSimilarityOptions {
  /** Default 'phi' (the best on the fan pair list, see the file comment). */
  measure?: ItemSimilarityMeasure;
  /** Neighbours kept per movie (default 50). */
  k?: number;
  /** β of the shrinkage n_ij / (n_ij + β) (default 2: β 5 and 10 lost 1 and 4 pairs, β 0 let 3-person overlaps in). */
  shrinkage?: number;
  /** 'asymmetric' only: α (default 0.5, which is the binary cosine). */
  alpha?: number;
  /** 'liked' and 'phi': the lowest rating that counts as liking a movie (default 3.5). */
  likedAt?: number;
  /** A neighbour must have at least this many ratings (liked ratings for 'liked' and 'phi'; default 5). */
  minRatings?: number;
  /**
   * At most this many raters of a movie are walked to find its neighbours, evenly spread over them (matrix.ts
   * raterSample), the co-rating counts and dot products weighted back to the whole column (default 1,000, above
   * ml-latest-small's most rated movie, 329 raters, so small data is walked in full). The full walk costs
   * Σ_u |ratings of u|², 1.4·10¹⁰ at 32M (a user there rated up to 12,000 movies).
   */
  maxRaters?: number;
}

export interface ItemSimilarityModel {
  readonly kind: 'item-similarity';
  readonly measure: ItemSimilarityMeasure;
  readonly k: number;
  readonly shrinkage: number;
  readonly alpha: number;
  readonly likedAt: number;
  readonly minRatings: number;
  /** Absent in models stored before the option existed (every rater walked). */
  readonly maxRaters?: number;
  /** position → MovieLens movieId, ascending. */
  readonly movieIds: Int32Array;
  /** movies × k positions of the neighbours, best first; −1 pads a movie with fewer than k. */
  readonly neighbours: Int32Array;
  /** movies × k similarities in [0, 1] matching `neighbours` (0 where padded). */
  readonly similarities: Float32Array;
}

function resolve(options: ItemSimilarityOptions) {
  const {
    measure = 'phi',
    k = 50,
    shrinkage = 2,
    alpha = 0.5,
    likedAt = 3.5,
    minRatings = 5,
    maxRaters = 1000,
  } = options;
  if (!ITEM_SIMILARITY_MEASURES.includes(measure))
    throw new RangeError(
      `item similarity: measure must be one of ${ITEM_SIMILARITY_MEASURES.join(', ')}, got '${measure}'`,
    );
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`item similarity: k must be a positive integer, got ${k}`);
  if (!(shrinkage >= 0)) throw new RangeError(`item similarity: shrinkage must be ≥ 0, got ${shrinkage}`);
  if (!(alpha >= 0 && alpha <= 1))
    throw new RangeError(`item similarity: alpha must be in [0, 1], got ${alpha}`);
  if (!Number.isFinite(likedAt))
    throw new RangeError(`item similarity: likedAt must be a number, got ${likedAt}`);
  if (!(minRatings >= 0)) throw new RangeError(`item similarity: minRatings must be ≥ 0, got ${minRatings}`);
  if (!(Number.isInteger(maxRaters) && maxRaters >= 1))
    throw new RangeError(`item similarity: maxRaters must be a positive integer, got ${maxRaters}`);
  return { measure, k, shrinkage, alpha, likedAt, minRatings, maxRaters };
}

/** Each rating's entry x_ui (CSR order) for the measure: the rating, the rating − μ_u, 1, or 1/0 for liked. */
function entries(mat: RatingMatrix, measure: ItemSimilarityMeasure, likedAt: number): Float64Array {
  const x = new Float64Array(mat.nnz);
  for (let u = 0; u < mat.users; u++) {
    const from = mat.rowPtr[u] as number;
    const to = mat.rowPtr[u + 1] as number;
    let mean = 0;
    if (measure === 'adjusted') {
      for (let p = from; p < to; p++) mean += mat.values[p] as number;
      mean /= Math.max(to - from, 1);
    }
    for (let p = from; p < to; p++) {
      const r = mat.values[p] as number;
      x[p] =
        measure === 'cosine'
          ? r
          : measure === 'adjusted'
            ? r - mean
            : measure === 'liked' || measure === 'phi'
              ? r >= likedAt
                ? 1
                : 0
              : 1;
    }
  }
  return x;
}

/**
 * Fits the neighbour lists; see the file comment for the measures. Deterministic: ties go to the lower
 * movieId. Does not modify `mat`.
 */
export function fitItemSimilarity(
  mat: RatingMatrix,
  options: ItemSimilarityOptions = {},
): ItemSimilarityModel {
  const { measure, k, shrinkage, alpha, likedAt, minRatings, maxRaters } = resolve(options);
  const n = mat.movies;
  const x = entries(mat, measure, likedAt);
  // Per movie: its CSR-position list is not at hand, so walk CSC and find x by the user's row.
  const colX = new Float64Array(mat.nnz);
  const support = new Float64Array(n); // n_i: raters (or likers)
  const norm = new Float64Array(n);
  for (let u = 0; u < mat.users; u++) {
    for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
      const j = mat.colIdx[p] as number;
      const v = x[p] as number;
      norm[j] = (norm[j] as number) + v * v;
      if (v !== 0 || measure === 'adjusted') support[j] = (support[j] as number) + 1;
    }
  }
  for (let j = 0; j < n; j++) norm[j] = Math.sqrt(norm[j] as number);
  fillColumnEntries(mat, x, colX);
  const dot = new Float64Array(n);
  const together = new Int32Array(n);
  const touched = new Int32Array(n);
  const neighbours = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k);
  const heap = new TopK(k);
  for (let i = 0; i < n; i++) {
    let count = 0;
    const sample = raterSample(mat, i, maxRaters);
    for (let t = 0; t < sample.walk; t++) {
      const q = samplePosition(sample, t);
      const xi = colX[q] as number;
      if (xi === 0 && measure !== 'adjusted') continue;
      const u = mat.rowIdx[q] as number;
      for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
        const j = mat.colIdx[p] as number;
        const xj = x[p] as number;
        if (xj === 0 && measure !== 'adjusted') continue;
        if ((together[j] as number) === 0) touched[count++] = j;
        together[j] = (together[j] as number) + 1;
        dot[j] = (dot[j] as number) + xi * xj;
      }
    }
    heap.clear();
    for (let t = 0; t < count; t++) {
      const j = touched[t] as number;
      // Weighted back to the whole column when the sample binds (exactly the count otherwise).
      const nij = sample.weight === 1 ? (together[j] as number) : (together[j] as number) * sample.weight;
      if (j !== i && (support[j] as number) >= minRatings) {
        const raw =
          measure === 'asymmetric'
            ? nij / ((support[i] as number) ** alpha * (support[j] as number) ** (1 - alpha))
            : measure === 'binary'
              ? nij / Math.sqrt((support[i] as number) * (support[j] as number))
              : measure === 'phi'
                ? phi(nij, support[i] as number, support[j] as number, mat.users)
                : ((dot[j] as number) * sample.weight) / ((norm[i] as number) * (norm[j] as number) || 1);
        const s = Math.min(1, raw) * (nij / (nij + shrinkage));
        if (s > 0) heap.offer(j, s);
      }
      dot[j] = 0;
      together[j] = 0;
    }
    heap.drainInto(neighbours, similarities, i * k);
  }
  return {
    kind: 'item-similarity',
    measure,
    k,
    shrinkage,
    alpha,
    likedAt,
    minRatings,
    maxRaters,
    movieIds: mat.movieIds,
    neighbours,
    similarities,
  };
}

function phi(nij: number, ni: number, nj: number, users: number): number {
  const d = Math.sqrt(ni * nj * (users - ni) * (users - nj));
  return d > 0 ? (users * nij - ni * nj) / d : 0;
}

/** colX[q] = x at the CSR position of CSC entry q (same user, same movie). O(nnz). */
function fillColumnEntries(mat: RatingMatrix, x: Float64Array, colX: Float64Array): void {
  const next = mat.colPtr.slice(0, mat.movies);
  // CSC rows ascend within a column, and we walk users in ascending order: the q's come out in order.
  for (let u = 0; u < mat.users; u++) {
    for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
      const j = mat.colIdx[p] as number;
      colX[next[j] as number] = x[p] as number;
      next[j] = (next[j] as number) + 1;
    }
  }
}

/**
 * The n (≤ k) movies most similar to `movieId`, best first, with their similarity in [0, 1]; [] for an
 * unknown id. O(n) after a movies-long index built once per model.
 */
export function similarMoviesFrom(
  model: ItemSimilarityModel,
  movieId: number,
  n = 10,
): { movieId: number; similarity: number }[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const i = indexOf(model).get(movieId);
  if (i === undefined) return [];
  const out: { movieId: number; similarity: number }[] = [];
  for (let r = 0; r < Math.min(n, model.k); r++) {
    const j = model.neighbours[i * model.k + r] as number;
    if (j < 0) break;
    out.push({
      movieId: model.movieIds[j] as number,
      similarity: model.similarities[i * model.k + r] as number,
    });
  }
  return out;
}

const indexes = new WeakMap<ItemSimilarityModel, Map<number, number>>();
function indexOf(model: ItemSimilarityModel): Map<number, number> {
  let index = indexes.get(model);
  if (!index) {
    index = movieIndexOf(model.movieIds);
    indexes.set(model, index);
  }
  return index;
}
