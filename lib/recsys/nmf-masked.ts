/**
 * NMF fitted on observed ratings only ('masked' fill), with optional global mean and user/movie biases:
 *   r_ij ≈ μ + b_i + b_j + w_i·h_j,  w_i, h_j ≥ 0,
 * minimising Σ_obs (r_ij − r̂_ij)² + λ(n_i‖w_i‖² + n_j‖h_j‖²) + λ_b(b_i² + b_j²) by alternating least
 * squares: each user's (w_i, b_i) is a (k+1)-dimensional non-negative QP given H (and vice versa),
 * solved by coordinate descent warm-started from the previous epoch. O(nnz·k² + (m + n)·k²·sweeps) per epoch.
 */
import { choleskySolve, coordinateDescentQp } from './linalg';
import { LARGE_DATA_RATINGS, movieStats, type RatingMatrix } from './matrix';
import { resolveNmfOptions, type MfModel, type NmfModel, type NmfOptions } from './nmf';
import { mulberry32 } from './random';

/** Scratch for one row solve: the (k+1)² system, its right side and the solution. */
export interface RowSolver {
  A: Float64Array;
  b: Float64Array;
  x: Float64Array;
}

export function rowSolver(k: number): RowSolver {
  return { A: new Float64Array((k + 1) * (k + 1)), b: new Float64Array(k + 1), x: new Float64Array(k + 1) };
}

/**
 * Solves one row: min Σ_p (y_p − x·f_p − bias)² + λ·count·‖x‖² + λ_b·bias² with x ≥ 0, where f_p are
 * rows of F (k wide) picked by `idx[from..to)` and y_p the targets. The bias is coordinate k of
 * `solver.x` (kept at 0 when `withBias` is false). `solver.x` holds the warm start and the answer.
 */
export function solveRow(
  F: Float64Array,
  k: number,
  idx: Int32Array,
  y: Float64Array,
  from: number,
  to: number,
  lambda: number,
  lambdaBias: number,
  withBias: boolean,
  solver: RowSolver,
  maxSweeps: number,
  nonnegative = true,
): void {
  const d = k + 1;
  const { A, b, x } = solver;
  A.fill(0);
  b.fill(0);
  for (let p = from; p < to; p++) {
    const o = (idx[p] as number) * k;
    const yp = y[p] as number;
    for (let s = 0; s < k; s++) {
      const fs = F[o + s] as number;
      if (fs === 0) continue;
      b[s] = (b[s] as number) + yp * fs;
      const so = s * d;
      for (let t = s; t < k; t++) A[so + t] = (A[so + t] as number) + fs * (F[o + t] as number);
      A[so + k] = (A[so + k] as number) + fs;
    }
    b[k] = (b[k] as number) + yp;
  }
  const count = to - from;
  for (let s = 0; s < k; s++) {
    for (let t = 0; t < s; t++) A[s * d + t] = A[t * d + s] as number;
    A[k * d + s] = A[s * d + k] as number;
    A[s * d + s] = (A[s * d + s] as number) + lambda * Math.max(count, 1);
  }
  A[k * d + k] = withBias ? count + lambdaBias : 1;
  if (!withBias) {
    b[k] = 0;
    x[k] = 0;
    for (let s = 0; s < k; s++) A[s * d + k] = A[k * d + s] = 0;
  }
  if (nonnegative) coordinateDescentQp(A, b, x, d, maxSweeps, 1e-6, (t) => t < k);
  else x.set(choleskySolve(A, b, d));
}

/**
 * Epochs of a masked fit above LARGE_DATA_RATINGS ratings when maxIter is not given (30 below, as before). On the
 * 32M-shaped synthetic set (every 100th rating of each user held out, 318k) an epoch takes ~40 s on one thread and
 * the held-out RMSE after epochs 1–12 was 0.919, 0.919, 0.916, 0.903, 0.863, 0.818, 0.792, 0.778, 0.771, 0.768,
 * 0.766, 0.765: the factors wake up around epoch 5, then each epoch gains about half the previous one's (0.0034,
 * 0.0017, 0.0009), so 30 epochs (1,125 s) would end ~0.001 lower than 12 (~480 s).
 */
export const MASKED_LARGE_DATA_EPOCHS = 12;

/** Fits the masked model; see the file comment. Deterministic for a seed. */
export function fitMaskedNmf(
  mat: RatingMatrix,
  options: NmfOptions = {},
  onEpoch?: (epoch: number, model: NmfModel) => void,
): NmfModel {
  return fitMasked(mat, options, true, onEpoch) as NmfModel;
}

/**
 * The same alternating least squares without the sign constraint: biased matrix factorisation
 * (r̂ = μ + b_u + b_j + w·h, ridge on all), each row solved exactly by Cholesky.
 */
export function fitBiasedMf(mat: RatingMatrix, options: NmfOptions = {}): MfModel {
  return { ...fitMasked(mat, options, false), kind: 'mf' } as MfModel;
}

function fitMasked(
  mat: RatingMatrix,
  options: NmfOptions,
  nonnegative: boolean,
  onEpoch?: (epoch: number, model: NmfModel) => void,
): NmfModel {
  const {
    rank: k,
    maxIter: epochs,
    seed,
    regularization: lambda,
    biasRegularization: lambdaBias,
    biases,
  } = resolveNmfOptions({ ...options, fill: 'masked' });
  const maxIter = options.maxIter ?? (mat.nnz > LARGE_DATA_RATINGS ? MASKED_LARGE_DATA_EPOCHS : epochs);
  const { users: m, movies: n, rowPtr, colIdx, values, colPtr, rowIdx, colValues } = mat;
  const { counts, means, globalMean } = movieStats(mat);
  const mu = biases ? globalMean : 0;
  const rng = mulberry32(seed);
  const W = new Float64Array(m * k);
  const H = new Float64Array(n * k);
  const scale = biases ? 0.1 : Math.sqrt(globalMean / k);
  for (let p = 0; p < H.length; p++) H[p] = scale * (nonnegative ? rng() : rng() - 0.5);
  const userBias = new Float64Array(m);
  const movieBias = new Float64Array(n);
  const yRow = new Float64Array(mat.nnz);
  const yCol = new Float64Array(mat.nnz);
  const model = (iterations: number, reconstructionError: number, normV: number): NmfModel => ({
    kind: 'nmf',
    fill: 'masked',
    rank: k,
    userIds: mat.userIds,
    movieIds: mat.movieIds,
    W,
    H,
    fillValues: new Float64Array(n),
    globalMean: mu,
    userBias,
    movieBias,
    regularization: lambda,
    biasRegularization: lambdaBias,
    iterations,
    reconstructionError,
    normV,
    counts,
    means,
  });
  const solver = rowSolver(k);
  for (let epoch = 0; epoch < maxIter; epoch++) {
    for (let i = 0; i < m; i++) {
      for (let p = rowPtr[i] as number; p < (rowPtr[i + 1] as number); p++)
        yRow[p] = (values[p] as number) - mu - (movieBias[colIdx[p] as number] as number);
      solver.x.set(W.subarray(i * k, (i + 1) * k));
      solver.x[k] = userBias[i] as number;
      solveRow(
        H,
        k,
        colIdx,
        yRow,
        rowPtr[i] as number,
        rowPtr[i + 1] as number,
        lambda,
        lambdaBias,
        biases,
        solver,
        20,
        nonnegative,
      );
      W.set(solver.x.subarray(0, k), i * k);
      userBias[i] = solver.x[k] as number;
    }
    for (let j = 0; j < n; j++) {
      for (let p = colPtr[j] as number; p < (colPtr[j + 1] as number); p++)
        yCol[p] = (colValues[p] as number) - mu - (userBias[rowIdx[p] as number] as number);
      solver.x.set(H.subarray(j * k, (j + 1) * k));
      solver.x[k] = movieBias[j] as number;
      solveRow(
        W,
        k,
        rowIdx,
        yCol,
        colPtr[j] as number,
        colPtr[j + 1] as number,
        lambda,
        lambdaBias,
        biases,
        solver,
        20,
        nonnegative,
      );
      H.set(solver.x.subarray(0, k), j * k);
      movieBias[j] = solver.x[k] as number;
    }
    onEpoch?.(epoch + 1, model(epoch + 1, 0, 0));
  }
  let err = 0;
  let norm = 0;
  for (let i = 0; i < m; i++) {
    for (let p = rowPtr[i] as number; p < (rowPtr[i + 1] as number); p++) {
      const j = colIdx[p] as number;
      let r = mu + (userBias[i] as number) + (movieBias[j] as number);
      for (let t = 0; t < k; t++) r += (W[i * k + t] as number) * (H[j * k + t] as number);
      err += ((values[p] as number) - r) ** 2;
      norm += (values[p] as number) ** 2;
    }
  }
  return model(maxIter, Math.sqrt(err), Math.sqrt(norm));
}
