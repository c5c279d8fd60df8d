/**
 * Non-negative matrix factorisation V ≈ W·H of the users×movies matrix with the unrated cells filled by
 * a constant per movie (zeros, the global median or each movie's median), mirroring scikit-learn's
 * NMF(init='nndsvda', solver='cd', beta_loss='frobenius'). The filled matrix is never materialised:
 * V = 1·cᵀ + S with S the sparse correction on observed cells (S_ij = r_ij − c_j), so
 *   V·Hᵀ = 1(c·Hᵀ) + S·Hᵀ,  Vᵀ·W = c(1ᵀW) + Sᵀ·W,
 *   ‖V − WH‖² = ‖V‖² − 2 tr(Wᵀ V Hᵀ) + tr((WᵀW)(HHᵀ)),
 * each O(nnz·k + (users + movies)·k²). The 'masked' fill (observed cells only) is in nmf-masked.ts.
 *
 * Layout: W is users×k and H is stored transposed, movies×k (row j = movie j's factors), row-major.
 */
import { gram, lanczosSvd, type LinearOperator } from './linalg';
import { median, movieStats, type RatingMatrix } from './matrix';
import { mulberry32 } from './random';
import type { NmfFill } from './types';

export interface NmfOptions {
  /** Number of factors k (default 20). */
  rank?: number;
  /** Unrated-cell treatment (default 'movie-median'). */
  fill?: NmfFill;
  /** Stop when the projected-gradient violation falls to tol × the first iteration's (default 1e-4). */
  tol?: number;
  /**
   * Filled fills: also stop when one iteration lowers the loss ‖V − WH‖² by less than lossTol × the loss
   * (default 1e-3; 0 keeps scikit-learn's rule alone). See fitFilledNmf.
   */
  lossTol?: number;
  /** Iteration cap (default 500; for 'masked', ALS epochs default 30). */
  maxIter?: number;
  /** Seed of the Lanczos start vector / random init (default 0). */
  seed?: number;
  /** 'masked' only: L2 weight on factors, scaled by each row's rating count (default 0.1). */
  regularization?: number;
  /** 'masked' only: L2 weight on user and movie biases (default 5). */
  biasRegularization?: number;
  /** 'masked' only: fit global mean + user + movie biases beside the factors (default true). */
  biases?: boolean;
}

export interface NmfModel {
  readonly kind: 'nmf';
  readonly fill: NmfFill;
  readonly rank: number;
  readonly userIds: Int32Array;
  readonly movieIds: Int32Array;
  /** users×k. */
  readonly W: Float64Array;
  /** movies×k (Hᵀ). */
  readonly H: Float64Array;
  /** c_j, the value of movie j's unrated cells (0 for 'zeros' and 'masked'). */
  readonly fillValues: Float64Array;
  /** 'masked' with biases: global mean and biases (zeros otherwise). */
  readonly globalMean: number;
  readonly userBias: Float64Array;
  readonly movieBias: Float64Array;
  readonly regularization: number;
  readonly biasRegularization: number;
  readonly iterations: number;
  /** ‖V_filled − WH‖_F (for 'masked': over observed cells). */
  readonly reconstructionError: number;
  /** ‖V_filled‖_F (for 'masked': over observed cells). */
  readonly normV: number;
  /** Popularity statistics for the empty-profile fallback. */
  readonly counts: Int32Array;
  readonly means: Float64Array;
}

/** Biased matrix factorisation (no sign constraint), fitted like 'masked' NMF; see mf.ts. */
export interface MfModel extends Omit<NmfModel, 'kind' | 'fill'> {
  readonly kind: 'mf';
  readonly fill: 'masked';
}

/** The filled matrix V = 1·cᵀ + S as an implicit operator, with its norm and mean. */
export interface FilledMatrix extends LinearOperator {
  readonly c: Float64Array;
  /** S on CSR order and on CSC order. */
  readonly sRow: Float32Array;
  readonly sCol: Float32Array;
  readonly normSq: number;
  readonly mean: number;
}

/** The per-movie fill constants c for a fill; 'masked' and 'zeros' fill with 0. */
export function fillValues(mat: RatingMatrix, fill: NmfFill): Float64Array {
  const c = new Float64Array(mat.movies);
  if (fill === 'global-median') c.fill(median(mat.values));
  if (fill === 'movie-median') {
    for (let j = 0; j < mat.movies; j++) c[j] = median(mat.colValues, mat.colPtr[j], mat.colPtr[j + 1]);
  }
  return c;
}

/** Builds the implicit filled matrix. O(nnz). */
export function filledMatrix(mat: RatingMatrix, c: Float64Array): FilledMatrix {
  const { users: m, movies: n, rowPtr, colIdx, colPtr, rowIdx } = mat;
  const sRow = new Float32Array(mat.nnz);
  for (let p = 0; p < mat.nnz; p++) sRow[p] = (mat.values[p] as number) - (c[colIdx[p] as number] as number);
  const sCol = new Float32Array(mat.nnz);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j] as number; p < (colPtr[j + 1] as number); p++)
      sCol[p] = (mat.colValues[p] as number) - (c[j] as number);
  }
  let sumC = 0;
  let sumC2 = 0;
  for (let j = 0; j < n; j++) {
    sumC += c[j] as number;
    sumC2 += (c[j] as number) ** 2;
  }
  let normSq = m * sumC2;
  let sumS = 0;
  for (let p = 0; p < mat.nnz; p++) {
    const cj = c[colIdx[p] as number] as number;
    normSq += (mat.values[p] as number) ** 2 - cj * cj;
    sumS += sRow[p] as number;
  }
  return {
    rows: m,
    cols: n,
    c,
    sRow,
    sCol,
    normSq,
    mean: (m * sumC + sumS) / (m * n),
    matmat(Y, l, out) {
      if (l === 1) {
        let base = 0;
        for (let j = 0; j < n; j++) base += (c[j] as number) * (Y[j] as number);
        for (let i = 0; i < m; i++) {
          let acc = base;
          const end = rowPtr[i + 1] as number;
          for (let p = rowPtr[i] as number; p < end; p++)
            acc += (sRow[p] as number) * (Y[colIdx[p] as number] as number);
          out[i] = acc;
        }
        return;
      }
      // Row by row (CSR): each output row is built from gathered rows of Y, four columns at a time in
      // registers (see sparseTimesDense). A column pass would scatter read-modify-writes over all of out,
      // users×l doubles — 32 MB at 200k users, far past the caches.
      const base = new Float64Array(l);
      for (let j = 0; j < n; j++) {
        const cj = c[j] as number;
        if (cj !== 0)
          for (let t = 0; t < l; t++) base[t] = (base[t] as number) + cj * (Y[j * l + t] as number);
      }
      sparseTimesDense(m, rowPtr, colIdx, sRow, Y, l, base, out);
    },
    rmatmat(Z, l, out) {
      if (l === 1) {
        let sum = 0;
        for (let i = 0; i < m; i++) sum += Z[i] as number;
        for (let j = 0; j < n; j++) {
          let acc = (c[j] as number) * sum;
          const end = colPtr[j + 1] as number;
          for (let p = colPtr[j] as number; p < end; p++)
            acc += (sCol[p] as number) * (Z[rowIdx[p] as number] as number);
          out[j] = acc;
        }
        return;
      }
      const colSum = new Float64Array(l);
      for (let i = 0; i < m; i++)
        for (let t = 0; t < l; t++) colSum[t] = (colSum[t] as number) + (Z[i * l + t] as number);
      for (let j = 0; j < n; j++) {
        const o = j * l;
        const cj = c[j] as number;
        for (let t = 0; t < l; t++) out[o + t] = cj * (colSum[t] as number);
      }
      // Row by row (CSR), scattering s·z_i into the rated movies' rows of out: Z is read in order and the
      // scattered rows are mostly the popular movies', which stay cached. A column pass (CSC) would gather
      // rows of Z (users×l, 32 MB at 200k users) in an order the caches cannot follow: 2–4× slower.
      for (let i = 0; i < m; i++) {
        const zi = i * l;
        const end = rowPtr[i + 1] as number;
        for (let p = rowPtr[i] as number; p < end; p++) {
          const s = sRow[p] as number;
          const o = (colIdx[p] as number) * l;
          for (let t = 0; t < l; t++) out[o + t] = (out[o + t] as number) + s * (Z[zi + t] as number);
        }
      }
    },
    gramCols(x, out) {
      // Vᵀ(V x) in one pass over the rows: y_i = c·x + s_i·x, then out += y_i s_i and out += c Σ y_i.
      let cx = 0;
      for (let j = 0; j < n; j++) cx += (c[j] as number) * (x[j] as number);
      out.fill(0);
      let ySum = 0;
      for (let i = 0; i < m; i++) {
        const from = rowPtr[i] as number;
        const end = rowPtr[i + 1] as number;
        let y = cx;
        for (let p = from; p < end; p++) y += (sRow[p] as number) * (x[colIdx[p] as number] as number);
        ySum += y;
        for (let p = from; p < end; p++) {
          const j = colIdx[p] as number;
          out[j] = (out[j] as number) + (sRow[p] as number) * y;
        }
      }
      for (let j = 0; j < n; j++) out[j] = (out[j] as number) + (c[j] as number) * ySum;
    },
    gramRows(x, out) {
      // V(Vᵀ x) in one pass over the columns: z_j = c_j Σx + s_j·x, then out += z_j s_j and out += Σ c_j z_j.
      let xSum = 0;
      for (let i = 0; i < m; i++) xSum += x[i] as number;
      out.fill(0);
      let cz = 0;
      for (let j = 0; j < n; j++) {
        const from = colPtr[j] as number;
        const end = colPtr[j + 1] as number;
        let z = (c[j] as number) * xSum;
        for (let p = from; p < end; p++) z += (sCol[p] as number) * (x[rowIdx[p] as number] as number);
        cz += (c[j] as number) * z;
        for (let p = from; p < end; p++) {
          const i = rowIdx[p] as number;
          out[i] = (out[i] as number) + (sCol[p] as number) * z;
        }
      }
      for (let i = 0; i < m; i++) out[i] = (out[i] as number) + cz;
    },
  };
}

/**
 * out (rows×l) = S·Y + base (scaled by scale[i] per row when given), S sparse by rows (ptr, idx, val).
 * Per row and per block of four output columns the sums stay in registers: the row's few entries are
 * re-read from L1 once per block instead of read-modify-writing out for every entry (2–3× fewer cycles
 * at 32M ratings). O(nnz·l).
 */
function sparseTimesDense(
  rows: number,
  ptr: Int32Array,
  idx: Int32Array,
  val: Float32Array,
  Y: Float64Array,
  l: number,
  base: Float64Array,
  out: Float64Array,
  scale?: Float64Array,
): void {
  for (let i = 0; i < rows; i++) {
    const o = i * l;
    const from = ptr[i] as number;
    const end = ptr[i + 1] as number;
    const f = scale ? (scale[i] as number) : 1;
    let t = 0;
    for (; t + 3 < l; t += 4) {
      let a0 = f * (base[t] as number);
      let a1 = f * (base[t + 1] as number);
      let a2 = f * (base[t + 2] as number);
      let a3 = f * (base[t + 3] as number);
      for (let p = from; p < end; p++) {
        const s = val[p] as number;
        const q = (idx[p] as number) * l + t;
        a0 += s * (Y[q] as number);
        a1 += s * (Y[q + 1] as number);
        a2 += s * (Y[q + 2] as number);
        a3 += s * (Y[q + 3] as number);
      }
      out[o + t] = a0;
      out[o + t + 1] = a1;
      out[o + t + 2] = a2;
      out[o + t + 3] = a3;
    }
    for (; t < l; t++) {
      let a = f * (base[t] as number);
      for (let p = from; p < end; p++) a += (val[p] as number) * (Y[(idx[p] as number) * l + t] as number);
      out[o + t] = a;
    }
  }
}

/**
 * ‖V − W·Hᵀ‖²_F for the filled matrix, exactly, without the dense matrix:
 * ‖V‖² − 2[(1ᵀW)·(Hᵀc) + Σ_obs S_ij (w_i·h_j)] + tr((WᵀW)(HᵀH)). O(nnz·k + (m + n)·k²).
 */
export function filledLoss(
  V: FilledMatrix,
  mat: RatingMatrix,
  W: Float64Array,
  H: Float64Array,
  k: number,
): number {
  const wSum = new Float64Array(k);
  for (let i = 0; i < V.rows; i++)
    for (let t = 0; t < k; t++) wSum[t] = (wSum[t] as number) + (W[i * k + t] as number);
  const hc = new Float64Array(k);
  for (let j = 0; j < V.cols; j++)
    for (let t = 0; t < k; t++) hc[t] = (hc[t] as number) + (V.c[j] as number) * (H[j * k + t] as number);
  let cross = 0;
  for (let t = 0; t < k; t++) cross += (wSum[t] as number) * (hc[t] as number);
  for (let i = 0; i < V.rows; i++) {
    for (let p = mat.rowPtr[i] as number; p < (mat.rowPtr[i + 1] as number); p++) {
      const q = (mat.colIdx[p] as number) * k;
      const o = i * k;
      let d0 = 0;
      let d1 = 0;
      let t = 0;
      for (; t + 1 < k; t += 2) {
        d0 += (W[o + t] as number) * (H[q + t] as number);
        d1 += (W[o + t + 1] as number) * (H[q + t + 1] as number);
      }
      if (t < k) d0 += (W[o + t] as number) * (H[q + t] as number);
      cross += (V.sRow[p] as number) * (d0 + d1);
    }
  }
  const WtW = gram(W, V.rows, k, new Float64Array(k * k));
  const HtH = gram(H, V.cols, k, new Float64Array(k * k));
  let tr = 0;
  for (let p = 0; p < k * k; p++) tr += (WtW[p] as number) * (HtH[p] as number);
  return Math.max(V.normSq - 2 * cross + tr, 0);
}

/**
 * NNDSVD initialisation with zeros replaced by the matrix mean ('nndsvda', Boutsidis & Gallopoulos 2008),
 * exactly as scikit-learn's `_initialize_nmf`, on a Lanczos truncated SVD of V (2k + 20 steps: on
 * ml-latest-small the same errors as 4k + 20 for global-median, at half the init time).
 */
export function nndsvda(V: FilledMatrix, k: number, seed: number): { W: Float64Array; H: Float64Array } {
  const { U, S, V: Vt } = lanczosSvd(V, k, { rng: mulberry32(seed), steps: 2 * k + 20 });
  const m = V.rows;
  const n = V.cols;
  const W = new Float64Array(m * k);
  const H = new Float64Array(n * k);
  const norms = (A: Float64Array, rows: number, c: number) => {
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < rows; i++) {
      const x = A[i * k + c] as number;
      if (x > 0) pos += x * x;
      else neg += x * x;
    }
    return [Math.sqrt(pos), Math.sqrt(neg)] as const;
  };
  for (let c = 0; c < k; c++) {
    const [uP, uN] = norms(U, m, c);
    const [vP, vN] = norms(Vt, n, c);
    const usePos = c === 0 || uP * vP > uN * vN;
    const sigma = c === 0 ? 1 : usePos ? uP * vP : uN * vN;
    const lambda = Math.sqrt((S[c] as number) * sigma);
    const uNorm = c === 0 ? 1 : usePos ? uP : uN;
    const vNorm = c === 0 ? 1 : usePos ? vP : vN;
    const part = (x: number) => (c === 0 ? Math.abs(x) : usePos ? Math.max(x, 0) : Math.max(-x, 0));
    for (let i = 0; i < m; i++)
      W[i * k + c] = uNorm > 0 ? (lambda * part(U[i * k + c] as number)) / uNorm : 0;
    for (let j = 0; j < n; j++)
      H[j * k + c] = vNorm > 0 ? (lambda * part(Vt[j * k + c] as number)) / vNorm : 0;
  }
  const avg = V.mean;
  for (const A of [W, H]) for (let p = 0; p < A.length; p++) if ((A[p] as number) < 1e-6) A[p] = avg;
  return { W, H };
}

/**
 * One sweep of scikit-learn's `_update_cdnmf_fast`: for each factor t, for each row i,
 * w_it ← max(0, w_it − (w_i·G_t − R_it) / G_tt) with G = HᵀH (k×k) and R = V·H (rows×k).
 * Rows are independent given G and R, so we run row by row (same result as scikit-learn's factor-major
 * order, up to rounding); each gradient is a fresh k-long dot product (four accumulators), which is
 * faster in V8 than keeping a row gradient up to date. Returns the summed projected-gradient violation.
 * O(rows·k²).
 */
export function coordinateDescentSweep(
  W: Float64Array,
  rows: number,
  k: number,
  G: Float64Array,
  R: Float64Array,
): number {
  let violation = 0;
  const k4 = k - (k % 4);
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    for (let t = 0; t < k; t++) {
      const gt = t * k;
      let a0 = -(R[o + t] as number);
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let r = 0;
      for (; r < k4; r += 4) {
        a0 += (G[gt + r] as number) * (W[o + r] as number);
        a1 += (G[gt + r + 1] as number) * (W[o + r + 1] as number);
        a2 += (G[gt + r + 2] as number) * (W[o + r + 2] as number);
        a3 += (G[gt + r + 3] as number) * (W[o + r + 3] as number);
      }
      for (; r < k; r++) a0 += (G[gt + r] as number) * (W[o + r] as number);
      const grad = a0 + a1 + a2 + a3;
      const w = W[o + t] as number;
      violation += w === 0 ? (grad < 0 ? -grad : 0) : grad < 0 ? -grad : grad;
      const hess = G[gt + t] as number;
      if (hess === 0) continue;
      const next = w - grad / hess;
      W[o + t] = next > 0 ? next : 0;
    }
  }
  return violation;
}

/** Checks NMF options and applies defaults. */
export function resolveNmfOptions(options: NmfOptions = {}) {
  const {
    rank = 20,
    fill = 'movie-median',
    tol = 1e-4,
    lossTol = 1e-3,
    seed = 0,
    regularization = 0.1,
    biasRegularization = 5,
    biases = true,
  } = options;
  const maxIter = options.maxIter ?? (fill === 'masked' ? 30 : 500);
  if (!Number.isInteger(rank) || rank < 1)
    throw new RangeError(`rank must be a positive integer, got ${rank}`);
  if (!['zeros', 'global-median', 'movie-median', 'masked'].includes(fill))
    throw new RangeError(`unknown fill '${fill}'`);
  if (!(tol >= 0)) throw new RangeError(`tol must be ≥ 0, got ${tol}`);
  if (!(lossTol >= 0 && lossTol < 1)) throw new RangeError(`lossTol must be in [0, 1), got ${lossTol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a positive integer, got ${maxIter}`);
  if (!(regularization >= 0) || !(biasRegularization >= 0))
    throw new RangeError('regularization must be ≥ 0');
  return { rank, fill, tol, lossTol, maxIter, seed, regularization, biasRegularization, biases };
}

/**
 * Fits NMF on the filled matrix (fills 'zeros', 'global-median', 'movie-median'); see nmf-masked.ts for
 * 'masked'. Alternates coordinate-descent sweeps on W (with HᵀH, V·H) and on H (with WᵀW, Vᵀ·W) until
 * scikit-learn's rule (the violation is ≤ tol × the first iteration's), or the loss after the W half-step
 * fell by less than lossTol × itself since the previous iteration, or maxIter. The second rule exists
 * because scikit-learn's is relative to the first iteration: with our accurate init the first violation
 * is small, so the relative target is far away (500 iterations for 'zeros', 165 for 'movie-median')
 * while the loss has long stopped moving. O(nnz·k + (m + n)·k²) per iteration; the loss costs O(m·k).
 * `onIteration` (optional) sees the iteration number and violation (and is how the tests watch the loss).
 */
export function fitFilledNmf(
  mat: RatingMatrix,
  options: NmfOptions = {},
  onIteration?: (iter: number, violation: number, W: Float64Array, H: Float64Array) => void,
): NmfModel {
  const { rank: k, fill, tol, lossTol, maxIter, seed } = resolveNmfOptions(options);
  if (fill === 'masked') throw new RangeError("fitFilledNmf does not fit 'masked'; use fitNmf");
  if (k > Math.min(mat.users, mat.movies))
    throw new RangeError(`rank ${k} exceeds min(users, movies) = ${Math.min(mat.users, mat.movies)}`);
  const V = filledMatrix(mat, fillValues(mat, fill));
  const { W, H } = nndsvda(V, k, seed);
  const m = mat.users;
  const GH = new Float64Array(k * k);
  const GW = new Float64Array(k * k);
  const RW = new Float64Array(m * k);
  const RH = new Float64Array(mat.movies * k);
  const scratch = new Float64Array(Math.max(m, mat.movies) * k);
  let violationInit = 0;
  let iterations = 0;
  let lossPrev = Infinity;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    gram(H, mat.movies, k, GH, scratch);
    V.matmat(H, k, RW);
    let violation = coordinateDescentSweep(W, m, k, GH, RW);
    gram(W, m, k, GW, scratch);
    // The loss after the W half-step, from pieces already at hand: ‖V‖² − 2⟨W, V·H⟩ + ⟨WᵀW, HᵀH⟩. O(m·k).
    let cross = 0;
    for (let p = 0; p < m * k; p++) cross += (W[p] as number) * (RW[p] as number);
    let quad = 0;
    for (let p = 0; p < k * k; p++) quad += (GW[p] as number) * (GH[p] as number);
    const loss = V.normSq - 2 * cross + quad;
    V.rmatmat(W, k, RH);
    violation += coordinateDescentSweep(H, mat.movies, k, GW, RH);
    onIteration?.(iter, violation, W, H);
    if (iter === 1) violationInit = violation;
    if (violationInit === 0 || violation / violationInit <= tol) break;
    if (lossPrev - loss < lossTol * loss) break;
    lossPrev = loss;
  }
  const { counts, means } = movieStats(mat);
  return {
    kind: 'nmf',
    fill,
    rank: k,
    userIds: mat.userIds,
    movieIds: mat.movieIds,
    W,
    H,
    fillValues: V.c,
    globalMean: 0,
    userBias: new Float64Array(mat.users),
    movieBias: new Float64Array(mat.movies),
    regularization: 0,
    biasRegularization: 0,
    iterations,
    reconstructionError: Math.sqrt(filledLoss(V, mat, W, H, k)),
    normV: Math.sqrt(V.normSq),
    counts,
    means,
  };
}
