/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008, "Collaborative Filtering for Implicit Feedback
 * Datasets"): every rated cell is a 1 with confidence 1 + α·rating/5, every unrated cell a 0 with weight
 * `unobservedWeight`; user and movie factors alternate closed-form ridge solves
 *   u = (w₀·VᵀV + Σ_{i∈I_u} c_ui v_i v_iᵀ + λI)⁻¹ Σ_{i∈I_u} (1 + c_ui) v_i     (c_ui = α·r_ui/5)
 * using the Gram trick so each solve costs O(|I_u|·k² + k³), an iteration O(nnz·k² + (users+movies)·k³).
 * Used as the low-rank half of ease-ials.ts; a visitor is folded in with the same user solve.
 */
import { choleskySolve } from './linalg';
import { mulberry32 } from './random';
import { LARGE_DATA_RATINGS, type RatingMatrix } from './matrix';

export interface IalsOptions {
  /** Factors per movie (default 32). */
  factors?: number;
  /** Confidence scale α (default 10). */
  alpha?: number;
  /** Ridge λ on the factors (default 50: NDCG@10 of the ease-ials blend 0.3319 vs 0.3306 at 20). */
  regularization?: number;
  /** Weight of the unobserved zeros w₀ (default 1). */
  unobservedWeight?: number;
  iterations?: number;
  seed?: number;
  /**
   * How each row is solved: 'exact' (Cholesky of the k×k system, O(|row|·k² + k³)), 'cg' (a few conjugate-gradient
   * steps on the same system warm-started from the row's previous factors, Takács et al. 2011: O(steps·(|row|·k +
   * k²))), or 'auto' (default): exact up to LARGE_DATA_RATINGS modelled ratings, CG above. See fitIalsFactors.
   */
  solver?: 'exact' | 'cg' | 'auto';
  /** CG steps per row solve (default 3). */
  cgSteps?: number;
}

/**
 * 'auto' solves exactly up to LARGE_DATA_RATINGS modelled ratings (ml-latest-small: ~81k, so it is fitted as
 * before) and by CG above: at 32M (the 3,000 EASE movies, ~21M modelled ratings, k = 32) one exact iteration took
 * ~140 s, a CG iteration ~37 s (one thread).
 */

/** Confidence increment c of a rating (the cell's weight is 1 + c). */
export function ialsConfidence(rating: number, alpha: number): number {
  return (alpha * rating) / 5;
}

/** w₀·FᵀF for rows×k row-major F. O(rows·k²). */
export function weightedGram(F: Float64Array, rows: number, k: number, w0: number): Float64Array {
  const G = new Float64Array(k * k);
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    for (let a = 0; a < k; a++) {
      const x = (F[o + a] as number) * w0;
      if (x === 0) continue;
      for (let b = 0; b < k; b++) G[a * k + b] = (G[a * k + b] as number) + x * (F[o + b] as number);
    }
  }
  return G;
}

/** The system of one row's solve: A = G + Σ c_t f_t f_tᵀ + λI and b = Σ (1 + c_t) f_t over the row's cells. */
export function ialsSystem(
  G: Float64Array,
  F: Float64Array,
  k: number,
  rows: ArrayLike<number>,
  conf: ArrayLike<number>,
  lambda: number,
): { A: Float64Array; b: Float64Array } {
  const A = Float64Array.from(G);
  const b = new Float64Array(k);
  for (let t = 0; t < rows.length; t++) {
    const o = (rows[t] as number) * k;
    const c = conf[t] as number;
    for (let a = 0; a < k; a++) {
      const fa = F[o + a] as number;
      b[a] = (b[a] as number) + (1 + c) * fa;
      const ca = c * fa;
      for (let q = 0; q < k; q++) A[a * k + q] = (A[a * k + q] as number) + ca * (F[o + q] as number);
    }
  }
  for (let a = 0; a < k; a++) A[a * k + a] = (A[a * k + a] as number) + lambda;
  return { A, b };
}

/**
 * Movie factors of iALS on the movies `local[j] ≥ 0` of `mat` (local[j] = the movie's row in the result;
 * others ignored). Returns V (movies'×k, row-major). Seeded, deterministic.
 */
export function fitIalsFactors(
  mat: RatingMatrix,
  local: Int32Array,
  movies: number,
  options: IalsOptions = {},
): Float64Array {
  const {
    factors: k = 32,
    alpha = 10,
    regularization = 50,
    unobservedWeight = 1,
    iterations = 6,
    seed = 42,
    solver = 'auto',
    cgSteps = 3,
  } = options;
  if (!(Number.isInteger(k) && k >= 1))
    throw new RangeError(`ials: factors must be a positive integer, got ${k}`);
  if (!(alpha >= 0)) throw new RangeError(`ials: alpha must be ≥ 0, got ${alpha}`);
  if (!(regularization > 0)) throw new RangeError(`ials: regularization must be > 0, got ${regularization}`);
  if (!(unobservedWeight >= 0))
    throw new RangeError(`ials: unobservedWeight must be ≥ 0, got ${unobservedWeight}`);
  if (!(Number.isInteger(iterations) && iterations >= 1))
    throw new RangeError(`ials: iterations must be a positive integer, got ${iterations}`);
  if (!['exact', 'cg', 'auto'].includes(solver))
    throw new RangeError(`ials: solver must be 'exact', 'cg' or 'auto', got ${solver}`);
  if (!(Number.isInteger(cgSteps) && cgSteps >= 1))
    throw new RangeError(`ials: cgSteps must be a positive integer, got ${cgSteps}`);
  // Each user's modelled cells, and each movie's raters, with their confidences.
  const userRows: Int32Array[] = [];
  const userConf: Float64Array[] = [];
  const movieRows: number[][] = Array.from({ length: movies }, () => []);
  const movieConf: number[][] = Array.from({ length: movies }, () => []);
  for (let u = 0; u < mat.users; u++) {
    const rows: number[] = [];
    const conf: number[] = [];
    for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
      const a = local[mat.colIdx[p] as number] as number;
      if (a < 0) continue;
      const c = ialsConfidence(mat.values[p] as number, alpha);
      rows.push(a);
      conf.push(c);
      (movieRows[a] as number[]).push(u);
      (movieConf[a] as number[]).push(c);
    }
    userRows.push(Int32Array.from(rows));
    userConf.push(Float64Array.from(conf));
  }
  const rng = mulberry32(seed);
  const U = new Float64Array(mat.users * k);
  const V = Float64Array.from({ length: movies * k }, () => (rng() - 0.5) * 0.1);
  // Typed per movie too: every solve then sees one array type (mixed number[] and Int32Array made the kernels
  // polymorphic and ~2× slower).
  const movieRowsT = movieRows.map((rows) => Int32Array.from(rows));
  const movieConfT = movieConf.map((conf) => Float64Array.from(conf));
  movieRows.length = 0;
  movieConf.length = 0;
  let modelled = 0;
  for (const rows of userRows) modelled += rows.length;
  const cg = solver === 'cg' || (solver === 'auto' && modelled > LARGE_DATA_RATINGS);
  const scratch = cg ? cgScratch(k) : null;
  const solve = (
    G: Float64Array,
    F: Float64Array,
    rows: Int32Array,
    conf: Float64Array,
    out: Float64Array,
    o: number,
  ) => {
    if (scratch) ialsCgSolve(G, F, k, rows, conf, regularization, out, o, cgSteps, scratch);
    else {
      const { A, b } = ialsSystem(G, F, k, rows, conf, regularization);
      out.set(choleskySolve(A, b, k), o);
    }
  };
  for (let it = 0; it < iterations; it++) {
    let G = weightedGram(V, movies, k, unobservedWeight);
    for (let u = 0; u < mat.users; u++)
      solve(G, V, userRows[u] as Int32Array, userConf[u] as Float64Array, U, u * k);
    G = weightedGram(U, mat.users, k, unobservedWeight);
    for (let a = 0; a < movies; a++)
      solve(G, U, movieRowsT[a] as Int32Array, movieConfT[a] as Float64Array, V, a * k);
  }
  return V;
}

interface CgScratch {
  r: Float64Array;
  p: Float64Array;
  ap: Float64Array;
}

function cgScratch(k: number): CgScratch {
  return { r: new Float64Array(k), p: new Float64Array(k), ap: new Float64Array(k) };
}

/** out = A·x for A = G + Σ c_t f_t f_tᵀ + λI, never formed: O(k² + |rows|·k). */
function ialsProduct(
  G: Float64Array,
  F: Float64Array,
  k: number,
  rows: Int32Array,
  conf: Float64Array,
  lambda: number,
  x: Float64Array,
  xo: number,
  out: Float64Array,
): void {
  for (let a = 0; a < k; a++) {
    let s = lambda * (x[xo + a] as number);
    const ga = a * k;
    for (let b = 0; b < k; b++) s += (G[ga + b] as number) * (x[xo + b] as number);
    out[a] = s;
  }
  for (let t = 0; t < rows.length; t++) {
    const o = (rows[t] as number) * k;
    let d = 0;
    for (let a = 0; a < k; a++) d += (F[o + a] as number) * (x[xo + a] as number);
    d *= conf[t] as number;
    if (d === 0) continue;
    for (let a = 0; a < k; a++) out[a] = (out[a] as number) + d * (F[o + a] as number);
  }
}

/**
 * `steps` conjugate-gradient steps on the row's system (ialsSystem's A and b, never formed) from the factors already
 * at out[o..o+k) (the previous sweep's; zeros on the first), written back in place. O(steps·(|rows|·k + k²)).
 */
export function ialsCgSolve(
  G: Float64Array,
  F: Float64Array,
  k: number,
  rows: Int32Array,
  conf: Float64Array,
  lambda: number,
  out: Float64Array,
  o: number,
  steps: number,
  { r, p, ap }: CgScratch = cgScratch(k),
): void {
  ialsProduct(G, F, k, rows, conf, lambda, out, o, ap);
  for (let a = 0; a < k; a++) r[a] = -(ap[a] as number);
  for (let t = 0; t < rows.length; t++) {
    const f = (rows[t] as number) * k;
    const w = 1 + (conf[t] as number);
    for (let a = 0; a < k; a++) r[a] = (r[a] as number) + w * (F[f + a] as number);
  }
  p.set(r);
  let rr = 0;
  for (let a = 0; a < k; a++) rr += (r[a] as number) ** 2;
  for (let step = 0; step < steps && rr > 1e-30; step++) {
    ialsProduct(G, F, k, rows, conf, lambda, p, 0, ap);
    let pap = 0;
    for (let a = 0; a < k; a++) pap += (p[a] as number) * (ap[a] as number);
    if (!(pap > 0)) break;
    const alpha = rr / pap;
    let next = 0;
    for (let a = 0; a < k; a++) {
      out[o + a] = (out[o + a] as number) + alpha * (p[a] as number);
      r[a] = (r[a] as number) - alpha * (ap[a] as number);
      next += (r[a] as number) ** 2;
    }
    const beta = next / rr;
    rr = next;
    for (let a = 0; a < k; a++) p[a] = (r[a] as number) + beta * (p[a] as number);
  }
}
