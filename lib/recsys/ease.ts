/**
 * EASE (Steck 2019): a closed-form item-item model on implicit feedback. With X the binary users×movies
 * matrix restricted to movies with ≥ minRatings ratings, P = (XᵀX + λI)⁻¹ and B = I − P·diag(1/diag P)
 * with zero diagonal; a visitor's score is s_j = Σ_{i rated} B_ij. The dense Gram is movies'² (Float64,
 * inverted by Cholesky: ~movies'³/2 multiply-adds); B is kept as Float32. It does not predict ratings.
 */
import { profileVector, topPositions } from './common';
import type { RatingMatrix } from './matrix';
import { movieStats } from './matrix';
import { movieIndexOf, popularExplanation, popularRecommendations } from './popular';
import type { Explanation, Recommender } from './types';

export interface EaseOptions {
  /** L2 weight λ (default 300; NDCG@10 0.298 vs 0.295 at 500, 0.297 at 200). */
  lambda?: number;
  /** Only movies with at least this many ratings are modelled (default 10: 20 gives NDCG@10 0.295 in 1 s). */
  minRatings?: number;
}

export interface EaseModel {
  readonly kind: 'ease';
  readonly lambda: number;
  readonly minRatings: number;
  /** Modelled movie ids (ascending); B is items×items row-major. */
  readonly movieIds: Int32Array;
  readonly B: Float32Array;
  readonly counts: Int32Array;
  readonly means: Float64Array;
}

/** In-place inverse of a symmetric positive definite n×n matrix (Cholesky, L⁻¹, then L⁻ᵀL⁻¹). */
export function invertSpd(A: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = A[ri + j] as number;
      for (let t = 0; t < j; t++) s -= (A[ri + t] as number) * (A[rj + t] as number);
      A[ri + j] = i === j ? Math.sqrt(s) : s / (A[rj + j] as number);
    }
  }
  // L⁻¹ stored transposed in the upper triangle: U[j][i] = (L⁻¹)[i][j], computed column by column.
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = j * n;
    inv[row + j] = 1 / (A[j * n + j] as number);
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      const ri = i * n;
      for (let t = j; t < i; t++) s += (A[ri + t] as number) * (inv[row + t] as number);
      inv[row + i] = -s / (A[ri + i] as number);
    }
  }
  // P = L⁻ᵀ L⁻¹: P_ab = Σ_i (L⁻¹)_ia (L⁻¹)_ib = Σ_i inv[a][i]·inv[b][i], i ≥ max(a, b).
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = a; i < n; i++) s += (inv[a * n + i] as number) * (inv[b * n + i] as number);
      A[a * n + b] = s;
      A[b * n + a] = s;
    }
  }
}

export function fitEase(mat: RatingMatrix, { lambda = 300, minRatings = 10 }: EaseOptions = {}): EaseModel {
  if (!(lambda > 0)) throw new RangeError(`ease: lambda must be > 0, got ${lambda}`);
  const { counts, means } = movieStats(mat);
  const keep: number[] = [];
  for (let j = 0; j < mat.movies; j++) if ((counts[j] as number) >= minRatings) keep.push(j);
  const n = keep.length;
  const local = new Int32Array(mat.movies).fill(-1);
  keep.forEach((j, a) => (local[j] = a));
  const G = new Float64Array(n * n);
  const items: number[] = [];
  for (let u = 0; u < mat.users; u++) {
    items.length = 0;
    for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
      const a = local[mat.colIdx[p] as number] as number;
      if (a >= 0) items.push(a);
    }
    for (const a of items) for (const b of items) G[a * n + b] = (G[a * n + b] as number) + 1;
  }
  for (let a = 0; a < n; a++) G[a * n + a] = (G[a * n + a] as number) + lambda;
  invertSpd(G, n);
  const B = new Float32Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) B[a * n + b] = a === b ? 0 : -(G[a * n + b] as number) / (G[b * n + b] as number);
  return {
    kind: 'ease', lambda, minRatings, movieIds: Int32Array.from(keep, (j) => mat.movieIds[j] as number), B,
    counts: Int32Array.from(keep, (j) => counts[j] as number), means: Float64Array.from(keep, (j) => means[j] as number),
  };
}

export function createEaseRecommender(model: EaseModel): Recommender {
  const index = movieIndexOf(model.movieIds);
  const n = model.movieIds.length;
  const explainPosition = (positions: Int32Array, ratings: Float64Array, j: number): Explanation => {
    const because = Array.from(positions, (i, p) => ({ movieId: model.movieIds[i] as number, rating: ratings[p] as number, contribution: model.B[i * n + j] as number }))
      .sort((a, b) => b.contribution - a.contribution || a.movieId - b.movieId).slice(0, 5);
    return { kind: 'ease', text: 'People who watched the movies you rated also watched this', because };
  };
  return {
    algorithm: 'ease',
    params: { lambda: model.lambda, minRatings: model.minRatings },
    recommend(profile, options) {
      const pv = profileVector(profile, index);
      if (pv.positions.length === 0) return popularRecommendations(model, profile, index, options);
      const scores = new Float64Array(n);
      for (const i of pv.positions) {
        const row = i * n;
        for (let j = 0; j < n; j++) scores[j] = (scores[j] as number) + (model.B[row + j] as number);
      }
      return topPositions(scores, model.movieIds, pv, options).map((j) => ({
        movieId: model.movieIds[j] as number, score: scores[j] as number, predictedRating: null,
        explanation: explainPosition(pv.positions, pv.ratings, j),
      }));
    },
    predict: (_profile, movieIds) => movieIds.map(() => null),
    explain(profile, movieId) {
      const pv = profileVector(profile, index);
      const j = index.get(movieId);
      if (j === undefined) return { kind: 'ease', text: 'Not enough ratings to model this movie', because: [] };
      if (pv.positions.length === 0) return popularExplanation(model, j);
      return explainPosition(pv.positions, pv.ratings, j);
    },
  };
}
