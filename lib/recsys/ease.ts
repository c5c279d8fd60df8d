/**
 * EASE (Steck 2019): a closed-form item-item model. X is the users×movies matrix restricted to movies with
 * ≥ minRatings ratings (the maxMovies most rated of them), each rating entered as a weight (default rating/5, see
 * EaseWeighting); P = (XᵀX + λI)⁻¹ and B = I − P·diag(1/diag P) with zero diagonal; a visitor's score is s_j = Σ_i x_i B_ij
 * with x_i their rating weighted the same way. The dense Gram is movies'² (Float64, inverted by Cholesky:
 * ~2/3·movies'³ multiply-adds, ~6 s for 2,300 movies); B is kept as Float32. It does not predict ratings.
 * Measured NDCG@10 (npm run evaluate protocol): binary X 0.298 at λ 300; rating/5 0.319 at λ 150 (table in README.md).
 */
import { citeReasons, likedThreshold, profileVector, topPositions } from './common';
import type { RatingMatrix } from './matrix';
import { movieStats } from './matrix';
import { movieIndexOf, popularExplanation, popularRecommendations } from './popular';
import type { Explanation, Recommender } from './types';

/** How a rating enters X (and the visitor's profile): 1 for every rating, 1 / lowWeight split at 4★, or rating/5. */
export type EaseWeighting = 'binary' | 'liked' | 'rating';
export const EASE_WEIGHTINGS: readonly EaseWeighting[] = ['binary', 'liked', 'rating'];

export interface EaseOptions {
  /** L2 weight λ (default 150: with rating/5 weights the Gram is about half the binary one, whose best λ was 300). */
  lambda?: number;
  /** Only movies with at least this many ratings are modelled (default 10). */
  minRatings?: number;
  /**
   * And at most this many of them, the most rated (ties: lower movieId), default EASE_MAX_MOVIES: the dense Gram
   * and its inversion grow as n² and n³ (see EASE_MAX_MOVIES).
   */
  maxMovies?: number;
  /** Entries of X and of the visitor's profile (default 'rating': NDCG@10 0.319 vs 0.298 binary). */
  weighting?: EaseWeighting;
  /** 'liked' weighting: the weight of a rating below 4★ (default 0.5). */
  lowWeight?: number;
  /** Steck's dropout emphasis: λ_i = λ + dropout·G_ii (default 0). */
  dropout?: number;
  /** Score with a binary profile even when X is weighted (default false). */
  binaryProfile?: boolean;
}

export interface EaseModel {
  readonly kind: 'ease';
  readonly lambda: number;
  readonly minRatings: number;
  /** Absent in models stored before the option existed: no cap. */
  readonly maxMovies?: number;
  /** Absent in models stored before the option existed: 'binary'. */
  readonly weighting?: EaseWeighting;
  readonly lowWeight?: number;
  readonly dropout?: number;
  readonly binaryProfile?: boolean;
  /** Modelled movie ids (ascending); B is items×items row-major. */
  readonly movieIds: Int32Array;
  readonly B: Float32Array;
  readonly counts: Int32Array;
  readonly means: Float64Array;
}

/** The entry of X for a rating. */
export function easeWeight(rating: number, weighting: EaseWeighting, lowWeight: number): number {
  switch (weighting) {
    case 'binary':
      return 1;
    case 'liked':
      return rating >= 4 ? 1 : lowWeight;
    case 'rating':
      return rating / 5;
  }
}

/** 4-accumulator dot product of a[ia..ia+len) and b[ib..ib+len). */
function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, len: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += (a[ia + t] as number) * (b[ib + t] as number);
    s1 += (a[ia + t + 1] as number) * (b[ib + t + 1] as number);
    s2 += (a[ia + t + 2] as number) * (b[ib + t + 2] as number);
    s3 += (a[ia + t + 3] as number) * (b[ib + t + 3] as number);
  }
  for (; t < len; t++) s0 += (a[ia + t] as number) * (b[ib + t] as number);
  return s0 + s1 + s2 + s3;
}

/**
 * In-place inverse of a symmetric positive definite n×n matrix: Cholesky A = LLᵀ (row by row), L⁻¹ stored
 * transposed (inv[j][i] = (L⁻¹)_ij), then P = L⁻ᵀL⁻¹ two rows at a time. Every inner loop is a contiguous
 * dot product with several accumulators (1.6–1.8× faster than plain loops).
 */
export function invertSpd(A: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++)
      A[ri + j] = ((A[ri + j] as number) - dot(A, ri, A, j * n, j)) / (A[j * n + j] as number);
    const d = (A[ri + i] as number) - dot(A, ri, A, ri, i);
    if (!(d > 0)) throw new RangeError('invertSpd: matrix is not positive definite');
    A[ri + i] = Math.sqrt(d);
  }
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = j * n;
    inv[row + j] = 1 / (A[j * n + j] as number);
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      inv[row + i] = -dot(A, ri + j, inv, row + j, i - j) / (A[ri + i] as number);
    }
  }
  // Two rows of P at a time: each loaded element of row b serves both.
  let a = 0;
  for (; a + 1 < n; a += 2) {
    const ra = a * n,
      rc = ra + n;
    for (let b = 0; b <= a + 1; b++) {
      const rb = b * n;
      let s0 = 0,
        s1 = 0,
        u0 = 0,
        u1 = 0;
      let t = a + 1;
      if (b <= a) s0 = (inv[ra + a] as number) * (inv[rb + a] as number);
      for (; t + 1 < n; t += 2) {
        const x0 = inv[rb + t] as number,
          x1 = inv[rb + t + 1] as number;
        s0 += (inv[ra + t] as number) * x0;
        s1 += (inv[ra + t + 1] as number) * x1;
        u0 += (inv[rc + t] as number) * x0;
        u1 += (inv[rc + t + 1] as number) * x1;
      }
      for (; t < n; t++) {
        const x = inv[rb + t] as number;
        s0 += (inv[ra + t] as number) * x;
        u0 += (inv[rc + t] as number) * x;
      }
      const sa = s0 + s1,
        sc = u0 + u1;
      if (b <= a) {
        A[ra + b] = sa;
        A[rb + a] = sa;
      }
      A[rc + b] = sc;
      A[rb + a + 1] = sc;
    }
  }
  for (; a < n; a++)
    for (let b = 0; b <= a; b++) {
      const s = dot(inv, a * n + a, inv, b * n + a, n - a);
      A[a * n + b] = s;
      A[b * n + a] = s;
    }
}

/**
 * Default cap on EASE's modelled movies. Measured on the 32M-shaped synthetic set (one thread, two busy cores):
 * Gram + inversion 16.3 + 5.9 s at 2,000 movies, 22.0 + 21.1 s at 3,000, fitEase 109 s at 4,000 (the inversion
 * grows as n³). The 3,000 most rated movies there hold 65 % of the ratings (4,000: 69 %). Above ml-latest-small's
 * 2,269 movies with ≥ 10 ratings, so the cap does not bind there.
 */
export const EASE_MAX_MOVIES = 3000;

/**
 * The upper triangle of XᵀX over the movies local[j] ≥ 0 (n of them, in column order), X_uj = weight(r_uj). Row by
 * row of G: for movie a, each of its raters u adds w_ua·w_ub for u's modelled movies b ≥ a (u's compact row from a
 * cursor that advances as a does), so every write lands in G's row a, which stays in cache; a user-major scatter
 * (each user's pairs into |items| different rows) missed the cache on nearly every add and took ~4× as long at 32M.
 * Each cell sums over users in ascending order, as the user-major loop did, so the figures are the same.
 * O(Σ_u |modelled ratings of u|² / 2).
 */
export function easeGram(
  mat: RatingMatrix,
  local: Int32Array,
  n: number,
  weight: (rating: number) => number,
): Float64Array {
  // Each user's modelled movies (ascending local index) and weights, compacted.
  const start = new Int32Array(mat.users + 1);
  for (let u = 0; u < mat.users; u++) {
    let c = 0;
    for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++)
      if ((local[mat.colIdx[p] as number] as number) >= 0) c++;
    start[u + 1] = (start[u] as number) + c;
  }
  const items = new Int32Array(start[mat.users] as number);
  const weights = new Float64Array(items.length);
  for (let u = 0, o = 0; u < mat.users; u++)
    for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
      const a = local[mat.colIdx[p] as number] as number;
      if (a < 0) continue;
      items[o] = a;
      weights[o++] = weight(mat.values[p] as number);
    }
  const cursor = start.slice(0, mat.users);
  const columns = new Int32Array(n);
  for (let j = 0; j < mat.movies; j++) if ((local[j] as number) >= 0) columns[local[j] as number] = j;
  const G = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    const j = columns[a] as number;
    const row = a * n;
    for (let q = mat.colPtr[j] as number; q < (mat.colPtr[j + 1] as number); q++) {
      const u = mat.rowIdx[q] as number;
      const x = cursor[u] as number;
      const end = start[u + 1] as number;
      const wx = weights[x] as number;
      for (let y = x; y < end; y++) {
        const c = row + (items[y] as number);
        G[c] = (G[c] as number) + wx * (weights[y] as number);
      }
      cursor[u] = x + 1;
    }
  }
  return G;
}

/** Positions of the movies EASE models: ≥ minRatings ratings, the maxMovies most rated of them, ascending. */
export function easeMovies(counts: Int32Array, minRatings: number, maxMovies: number): number[] {
  const keep: number[] = [];
  for (let j = 0; j < counts.length; j++) if ((counts[j] as number) >= minRatings) keep.push(j);
  if (keep.length <= maxMovies) return keep;
  return keep
    .sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b)
    .slice(0, maxMovies)
    .sort((a, b) => a - b);
}

export function fitEase(mat: RatingMatrix, options: EaseOptions = {}): EaseModel {
  const {
    lambda = 150,
    minRatings = 10,
    weighting = 'rating',
    lowWeight = 0.5,
    dropout = 0,
    binaryProfile = false,
    maxMovies = EASE_MAX_MOVIES,
  } = options;
  if (!(lambda > 0)) throw new RangeError(`ease: lambda must be > 0, got ${lambda}`);
  if (!(Number.isInteger(maxMovies) && maxMovies >= 1))
    throw new RangeError(`ease: maxMovies must be a positive integer, got ${maxMovies}`);
  if (!EASE_WEIGHTINGS.includes(weighting))
    throw new RangeError(`ease: weighting must be one of ${EASE_WEIGHTINGS.join(', ')}, got ${weighting}`);
  if (!(lowWeight >= 0 && lowWeight <= 1))
    throw new RangeError(`ease: lowWeight must be in [0, 1], got ${lowWeight}`);
  if (!(dropout >= 0)) throw new RangeError(`ease: dropout must be ≥ 0, got ${dropout}`);
  const { counts, means } = movieStats(mat);
  const keep = easeMovies(counts, minRatings, maxMovies);
  const n = keep.length;
  const local = new Int32Array(mat.movies).fill(-1);
  keep.forEach((j, a) => (local[j] = a));
  const G = easeGram(mat, local, n, (r) => easeWeight(r, weighting, lowWeight));
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) G[a * n + b] = G[b * n + a] as number;
  for (let a = 0; a < n; a++) G[a * n + a] = (G[a * n + a] as number) * (1 + dropout) + lambda;
  invertSpd(G, n);
  const B = new Float32Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++)
      B[a * n + b] = a === b ? 0 : -(G[a * n + b] as number) / (G[b * n + b] as number);
  return {
    kind: 'ease',
    lambda,
    minRatings,
    maxMovies,
    weighting,
    lowWeight,
    dropout,
    binaryProfile,
    movieIds: Int32Array.from(keep, (j) => mat.movieIds[j] as number),
    B,
    counts: Int32Array.from(keep, (j) => counts[j] as number),
    means: Float64Array.from(keep, (j) => means[j] as number),
  };
}

export function createEaseRecommender(model: EaseModel): Recommender {
  const index = movieIndexOf(model.movieIds);
  const n = model.movieIds.length;
  const weighting = model.weighting ?? 'binary';
  const lowWeight = model.lowWeight ?? 0.5;
  const profileWeighting = model.binaryProfile ? 'binary' : weighting;
  const explainPosition = (positions: Int32Array, ratings: Float64Array, j: number): Explanation => {
    const all = Array.from(positions, (i, p) => ({
      movieId: model.movieIds[i] as number,
      rating: ratings[p] as number,
      contribution: model.B[i * n + j] as number,
    }));
    // "Watched together" is no reason when the visitor disliked the movie it was watched with: cite liked ones only.
    const { because } = citeReasons(all, likedThreshold(ratings));
    return { kind: 'ease', text: 'People who watched the movies you liked also watched this', because };
  };
  return {
    algorithm: 'ease',
    params: {
      lambda: model.lambda,
      minRatings: model.minRatings,
      weighting,
      ...(weighting === 'liked' ? { lowWeight } : {}),
      ...(model.dropout ? { dropout: model.dropout } : {}),
      ...(model.binaryProfile ? { binaryProfile: true } : {}),
    },
    recommend(profile, options) {
      const pv = profileVector(profile, index);
      if (pv.positions.length === 0) return popularRecommendations(model, profile, index, options);
      const scores = new Float64Array(n);
      pv.positions.forEach((i, p) => {
        const row = i * n;
        const w = easeWeight(pv.ratings[p] as number, profileWeighting, lowWeight);
        for (let j = 0; j < n; j++) scores[j] = (scores[j] as number) + w * (model.B[row + j] as number);
      });
      return topPositions(scores, model.movieIds, pv, options).map((j) => ({
        movieId: model.movieIds[j] as number,
        score: scores[j] as number,
        predictedRating: null,
        explanation: explainPosition(pv.positions, pv.ratings, j),
      }));
    },
    predict: (_profile, movieIds) => movieIds.map(() => null),
    explain(profile, movieId) {
      const pv = profileVector(profile, index);
      const j = index.get(movieId);
      if (j === undefined)
        return { kind: 'ease', text: 'Not enough ratings to model this movie', because: [] };
      if (pv.positions.length === 0) return popularExplanation(model, j);
      return explainPosition(pv.positions, pv.ratings, j);
    },
  };
}
