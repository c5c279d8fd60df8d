/**
 * Small dense kernels (k×k systems, symmetric eigenproblems, Gram matrices) and a Lanczos truncated
 * SVD that touches its matrix only through products, so the dense users×movies matrix never exists.
 * Matrices are row-major Float64Arrays: element (i, j) of an r×c matrix is at i * c + j.
 */
import { normal, type Rng } from './random';

/** A matrix known only through its products with tall thin blocks (row-major, l columns). */
export interface LinearOperator {
  readonly rows: number;
  readonly cols: number;
  /** out (rows×l) = A · Y (cols×l). */
  matmat(Y: Float64Array, l: number, out: Float64Array): void;
  /** out (cols×l) = Aᵀ · Z (rows×l). */
  rmatmat(Z: Float64Array, l: number, out: Float64Array): void;
  /** Optional, fused (one pass over the entries instead of two): out (cols) = Aᵀ·A·x. */
  gramCols?(x: Float64Array, out: Float64Array): void;
  /** Optional, fused: out (rows) = A·Aᵀ·x. */
  gramRows?(x: Float64Array, out: Float64Array): void;
}

/**
 * out (k×k) = Aᵀ A for A rows×k; symmetric, computed on one triangle. A is first copied column-major into
 * `scratch` (rows·k, allocated if not given) so each entry is one contiguous dot product, four at a time.
 * O(rows·k²/2).
 */
export function gram(
  A: Float64Array,
  rows: number,
  k: number,
  out: Float64Array,
  scratch?: Float64Array,
): Float64Array {
  const T = scratch && scratch.length >= rows * k ? scratch : new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    for (let t = 0; t < k; t++) T[t * rows + i] = A[o + t] as number;
  }
  for (let s = 0; s < k; s++) {
    const so = s * rows;
    let t = s;
    for (; t + 3 < k; t += 4) {
      const a = t * rows;
      const b = a + rows;
      const c = b + rows;
      const d = c + rows;
      let x0 = 0;
      let x1 = 0;
      let x2 = 0;
      let x3 = 0;
      for (let i = 0; i < rows; i++) {
        const v = T[so + i] as number;
        x0 += v * (T[a + i] as number);
        x1 += v * (T[b + i] as number);
        x2 += v * (T[c + i] as number);
        x3 += v * (T[d + i] as number);
      }
      out[s * k + t] = out[t * k + s] = x0;
      out[s * k + t + 1] = out[(t + 1) * k + s] = x1;
      out[s * k + t + 2] = out[(t + 2) * k + s] = x2;
      out[s * k + t + 3] = out[(t + 3) * k + s] = x3;
    }
    for (; t < k; t++) {
      const to = t * rows;
      let x = 0;
      for (let i = 0; i < rows; i++) x += (T[so + i] as number) * (T[to + i] as number);
      out[s * k + t] = out[t * k + s] = x;
    }
  }
  return out;
}

/**
 * Eigen-decomposition of a symmetric tridiagonal d×d matrix (diagonal `diag`, off-diagonal `off`, length
 * d − 1) by the implicit QL method (EISPACK tql2, as in JAMA). Returns eigenvalues descending and
 * eigenvectors as columns of a row-major d×d matrix. O(d²) for the values, O(d³) for the vectors, with a
 * far smaller constant than Jacobi sweeps on the full matrix.
 */
export function tridiagonalEigen(
  diag: Float64Array,
  off: Float64Array,
  d: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(diag.subarray(0, d));
  const e = new Float64Array(d);
  for (let i = 0; i + 1 < d; i++) e[i] = off[i] as number;
  // Z is stored transposed (row r = eigenvector r) so each rotation touches two contiguous rows.
  const Z = new Float64Array(d * d);
  for (let i = 0; i < d; i++) Z[i * d + i] = 1;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < d; l++) {
    tst1 = Math.max(tst1, Math.abs(a[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < d - 1 && Math.abs(e[m] as number) > eps * tst1) m++;
    if (m > l) {
      for (let iter = 0; iter < 60; iter++) {
        let g = a[l] as number;
        let p = ((a[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        a[l] = (e[l] as number) / (p + r);
        a[l + 1] = (e[l] as number) * (p + r);
        const dl1 = a[l + 1] as number;
        let h = g - (a[l] as number);
        for (let i = l + 2; i < d; i++) a[i] = (a[i] as number) - h;
        f += h;
        p = a[m] as number;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * (e[i] as number);
          h = c * p;
          r = Math.hypot(p, e[i] as number);
          e[i + 1] = s * r;
          s = (e[i] as number) / r;
          c = p / r;
          p = c * (a[i] as number) - s * g;
          a[i + 1] = h + s * (c * g + s * (a[i] as number));
          const ri = i * d;
          const ri1 = (i + 1) * d;
          for (let t = 0; t < d; t++) {
            const zi1 = Z[ri1 + t] as number;
            const zi = Z[ri + t] as number;
            Z[ri1 + t] = s * zi + c * zi1;
            Z[ri + t] = c * zi - s * zi1;
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        a[l] = c * p;
        if (!(Math.abs(e[l] as number) > eps * tst1)) break;
      }
    }
    a[l] = (a[l] as number) + f;
    e[l] = 0;
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => (a[y] as number) - (a[x] as number));
  const values = Float64Array.from(order, (i) => a[i] as number);
  const vectors = new Float64Array(d * d);
  order.forEach((src, dst) => {
    for (let r = 0; r < d; r++) vectors[r * d + dst] = Z[src * d + r] as number;
  });
  return { values, vectors };
}

export interface TruncatedSvd {
  /** rows×k left singular vectors. */
  U: Float64Array;
  S: Float64Array;
  /** cols×k right singular vectors (V, not Vᵀ). */
  V: Float64Array;
}

/** w ← w − (w·q) q for q = Q[o .. o + dim), with four accumulators for the dot product. O(dim). */
function subtractProjection(w: Float64Array, Q: Float64Array, o: number, dim: number): void {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    d0 += (w[i] as number) * (Q[o + i] as number);
    d1 += (w[i + 1] as number) * (Q[o + i + 1] as number);
    d2 += (w[i + 2] as number) * (Q[o + i + 2] as number);
    d3 += (w[i + 3] as number) * (Q[o + i + 3] as number);
  }
  for (; i < dim; i++) d0 += (w[i] as number) * (Q[o + i] as number);
  const dot = d0 + d1 + d2 + d3;
  for (i = 0; i < dim; i++) w[i] = (w[i] as number) - dot * (Q[o + i] as number);
}

/**
 * Truncated SVD by Lanczos with full reorthogonalisation on the smaller Gram matrix (A·Aᵀ or Aᵀ·A),
 * applied implicitly: each step is one product with A and one with Aᵀ, so the cost is
 * steps · (2·nnz-ish product + steps · min(rows, cols)) and memory steps · min(rows, cols).
 * The top-k Ritz pairs give σ = √λ and one side's vectors; the other side is A·v/σ (or Aᵀ·u/σ).
 * With steps ≈ 4k + 20 the top-k pairs agree with a dense SVD to many digits on MovieLens-shaped data.
 */
export function lanczosSvd(
  A: LinearOperator,
  k: number,
  { steps, rng }: { steps?: number; rng: Rng },
): TruncatedSvd {
  const rowSide = A.rows <= A.cols;
  const dim = rowSide ? A.rows : A.cols;
  const other = rowSide ? A.cols : A.rows;
  if (k > dim) throw new RangeError(`rank ${k} exceeds the matrix size ${A.rows}×${A.cols}`);
  const s = Math.min(dim, steps ?? 4 * k + 20);
  const Q = new Float64Array((s + 1) * dim);
  const alpha = new Float64Array(s);
  const beta = new Float64Array(s);
  const tmp = new Float64Array(other);
  const w = new Float64Array(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += (Q[i] = normal(rng)) ** 2;
  for (let i = 0; i < dim; i++) Q[i] = (Q[i] as number) / Math.sqrt(norm);
  let used = s;
  for (let j = 0; j < s; j++) {
    const q = Q.subarray(j * dim, (j + 1) * dim);
    if (rowSide) {
      if (A.gramRows) A.gramRows(q, w);
      else {
        A.rmatmat(q, 1, tmp);
        A.matmat(tmp, 1, w);
      }
    } else if (A.gramCols) A.gramCols(q, w);
    else {
      A.matmat(q, 1, tmp);
      A.rmatmat(tmp, 1, w);
    }
    let a = 0;
    for (let i = 0; i < dim; i++) a += (w[i] as number) * (q[i] as number);
    alpha[j] = a;
    for (let pass = 0; pass < 2; pass++) for (let r = 0; r <= j; r++) subtractProjection(w, Q, r * dim, dim);
    let b = 0;
    for (let i = 0; i < dim; i++) b += (w[i] as number) ** 2;
    b = Math.sqrt(b);
    beta[j] = b;
    if (b <= 1e-12 * Math.abs(alpha[0] as number) || j === s - 1) {
      used = j + 1;
      break;
    }
    for (let i = 0; i < dim; i++) Q[(j + 1) * dim + i] = (w[i] as number) / b;
  }
  if (used < k) throw new RangeError(`the matrix has rank ${used} < ${k}`);
  const { values, vectors } = tridiagonalEigen(alpha, beta, used);
  const small = new Float64Array(dim * k);
  const S = new Float64Array(k);
  for (let c = 0; c < k; c++) S[c] = Math.sqrt(Math.max(values[c] as number, 0));
  // small = Q_used · (top-k Ritz vectors), row by row of small so every write is contiguous.
  const coefs = new Float64Array(k);
  for (let j = 0; j < used; j++) {
    for (let c = 0; c < k; c++) coefs[c] = vectors[j * used + c] as number;
    const o = j * dim;
    for (let i = 0; i < dim; i++) {
      const q = Q[o + i] as number;
      const so = i * k;
      for (let c = 0; c < k; c++) small[so + c] = (small[so + c] as number) + (coefs[c] as number) * q;
    }
  }
  const big = new Float64Array(other * k);
  if (rowSide) A.rmatmat(small, k, big);
  else A.matmat(small, k, big);
  for (let i = 0; i < other; i++)
    for (let c = 0; c < k; c++)
      big[i * k + c] = (S[c] as number) > 0 ? (big[i * k + c] as number) / (S[c] as number) : 0;
  return rowSide ? { U: small, S, V: big } : { U: big, S, V: small };
}

/**
 * Solves min ½xᵀAx − bᵀx by cyclic coordinate descent, x ≥ 0 where `nonneg[t]` (all if omitted),
 * starting from x (updated in place). A is d×d symmetric positive semi-definite. Stops when no
 * coordinate moves by more than `tol` (relative to the largest |x|) or after `maxSweeps`. O(d²) per sweep.
 */
export function coordinateDescentQp(
  A: Float64Array,
  b: Float64Array,
  x: Float64Array,
  d: number,
  maxSweeps: number,
  tol: number,
  nonneg?: (t: number) => boolean,
): void {
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = 0;
    let scale = 1e-12;
    for (let t = 0; t < d; t++) {
      const hess = A[t * d + t] as number;
      if (hess <= 0) continue;
      let grad = -(b[t] as number);
      for (let r = 0; r < d; r++) grad += (A[t * d + r] as number) * (x[r] as number);
      let next = (x[t] as number) - grad / hess;
      if (next < 0 && (nonneg === undefined || nonneg(t))) next = 0;
      moved = Math.max(moved, Math.abs(next - (x[t] as number)));
      scale = Math.max(scale, Math.abs(next));
      x[t] = next;
    }
    if (moved <= tol * scale) break;
  }
}

/** The Cholesky factor L (lower, row-major) of a symmetric positive definite d×d A. O(d³/3). */
export function choleskyFactor(A: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j] as number;
      for (let t = 0; t < j; t++) s -= (L[i * d + t] as number) * (L[j * d + t] as number);
      if (i === j) L[i * d + i] = Math.sqrt(Math.max(s, 1e-300));
      else L[i * d + j] = s / (L[j * d + j] as number);
    }
  }
  return L;
}

/** Solves L Lᵀ x = b (a copy of b) with a factor from choleskyFactor: one factor serves many right-hand sides. O(d²). */
export function choleskySubstitute(L: Float64Array, b: Float64Array, d: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let s = x[i] as number;
    for (let t = 0; t < i; t++) s -= (L[i * d + t] as number) * (x[t] as number);
    x[i] = s / (L[i * d + i] as number);
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let t = i + 1; t < d; t++) s -= (L[t * d + i] as number) * (x[t] as number);
    x[i] = s / (L[i * d + i] as number);
  }
  return x;
}

/** Solves A x = b in place of a copy for symmetric positive definite A (d×d) by Cholesky. O(d³/3). */
export function choleskySolve(A: Float64Array, b: Float64Array, d: number): Float64Array {
  return choleskySubstitute(choleskyFactor(A, d), b, d);
}

/**
 * Exact solution of min ½xᵀAx − bᵀx s.t. x_t ≥ 0 for constrained t (all unless `free(t)`), A d×d
 * symmetric positive definite, by the Lawson–Hanson active-set method: move the most violating
 * coordinate into the passive set, solve the passive subsystem by Cholesky, step back to feasibility.
 * At most a few·d outer steps of O(d³) each; for d = 21 that is well under a millisecond.
 */
export function activeSetQp(
  A: Float64Array,
  b: Float64Array,
  d: number,
  free: (t: number) => boolean = () => false,
): Float64Array {
  const x = new Float64Array(d);
  const passive = new Uint8Array(d);
  for (let t = 0; t < d; t++) if (free(t)) passive[t] = 1;
  let scale = 0;
  for (let t = 0; t < d; t++) scale = Math.max(scale, Math.abs(b[t] as number));
  const tol = 1e-12 * Math.max(scale, 1e-300);
  const solvePassive = (): Float64Array => {
    const idx: number[] = [];
    for (let t = 0; t < d; t++) if (passive[t]) idx.push(t);
    const p = idx.length;
    const sub = new Float64Array(p * p);
    idx.forEach((s, i) => idx.forEach((t, j) => (sub[i * p + j] = A[s * d + t] as number)));
    const z = choleskySolve(
      sub,
      Float64Array.from(idx, (t) => b[t] as number),
      p,
    );
    const full = new Float64Array(d);
    idx.forEach((t, i) => (full[t] = z[i] as number));
    return full;
  };
  let first = true;
  for (let outer = 0; outer < 3 * d + 10; outer++) {
    if (!first) {
      let best = -1;
      let bestGrad = tol;
      for (let t = 0; t < d; t++) {
        if (passive[t]) continue;
        let g = b[t] as number;
        for (let r = 0; r < d; r++) g -= (A[t * d + r] as number) * (x[r] as number);
        if (g > bestGrad) {
          bestGrad = g;
          best = t;
        }
      }
      if (best < 0) break;
      passive[best] = 1;
    }
    first = false;
    if (!passive.some((f) => f === 1)) continue;
    for (let inner = 0; inner < 3 * d + 10; inner++) {
      const z = solvePassive();
      let alpha = 1;
      for (let t = 0; t < d; t++) {
        if (passive[t] && !free(t) && (z[t] as number) <= 0)
          alpha = Math.min(alpha, (x[t] as number) / ((x[t] as number) - (z[t] as number)));
      }
      for (let t = 0; t < d; t++)
        if (passive[t]) x[t] = (x[t] as number) + alpha * ((z[t] as number) - (x[t] as number));
      if (alpha >= 1) break;
      for (let t = 0; t < d; t++) {
        if (passive[t] && !free(t) && (x[t] as number) <= 1e-14 * Math.max(scale, 1)) {
          passive[t] = 0;
          x[t] = 0;
        }
      }
    }
  }
  return x;
}
