/**
 * NMF as a recommender: fold a visitor into a fitted model (H fixed) and rank w·h_j.
 *
 * Fold-in, as scikit-learn's `transform`: filled fills solve min ½‖v_filled − w·H‖², w ≥ 0 (exactly, by an
 * active-set NNLS on the k×k normal equations rather than scikit-learn's CD to tol), with HHᵀ precomputed and H·v_filled = H·c + Σ_rated h_j (r_j − c_j)
 * computed sparsely; 'masked' solves the user step of training (observed entries, biases, ridge).
 *
 * predictedRating: the reconstruction clamped to 0.5..5 for 'global-median', 'movie-median' and 'masked'
 * (μ + b_u + b_j + w·h_j). For 'zeros' it is null: unrated cells were fitted as 0, so w·h_j is a
 * "would have rated it" score near 0, not a rating.
 *
 * explain: at the fold-in solution with active set A = {t : w_t > 0}, w_A = M_A⁻¹ (b₀ + Σ_i y_i h_i,A),
 * where y_i is rated movie i's rating minus its fill (or minus μ + b_i + b_u for 'masked') and M is HHᵀ
 * (or Σ_rated h hᵀ + ridge for 'masked'). So score_j = baseline + Σ_i y_i · h_i,Aᵀ M_A⁻¹ h_j,A and
 * contribution_i = y_i · h_i,Aᵀ M_A⁻¹ h_j,A, exact given A. One k×k Cholesky per explained movie.
 * `because` cites only liked movies (common.ts citeReasons) with contribution > 0; `disliked` lists the
 * movies rated below 3 whose contribution is positive ("unlike what you disliked"), for a side note.
 */
import { activeSetQp, choleskySolve, gram } from './linalg';
import {
  citeReasons,
  clampRating,
  likedThreshold,
  profileVector,
  topPositions,
  type ProfileVector,
} from './common';
import type { RatingMatrix } from './matrix';
import { fitFilledNmf, type MfModel, type NmfModel, type NmfOptions } from './nmf';
import { fitMaskedNmf, rowSolver, solveRow } from './nmf-masked';
import { movieIndexOf, popularExplanation, popularRecommendations } from './popular';
import type { Explanation, RatedMovie, Recommendation, Recommender } from './types';

/** Fits NMF with any fill. See fitFilledNmf / fitMaskedNmf for the algorithms. */
export function fitNmf(mat: RatingMatrix, options: NmfOptions = {}): NmfModel {
  return options.fill === 'masked' ? fitMaskedNmf(mat, options) : fitFilledNmf(mat, options);
}

interface Prepared {
  HHt: Float64Array;
  Hc: Float64Array;
  sumC: number;
}
const prepared = new WeakMap<NmfModel | MfModel, Prepared>();

function prepare(model: NmfModel | MfModel): Prepared {
  let p = prepared.get(model);
  if (!p) {
    const k = model.rank;
    const n = model.movieIds.length;
    const Hc = new Float64Array(k);
    let sumC = 0;
    for (let j = 0; j < n; j++) {
      const c = model.fillValues[j] as number;
      sumC += c;
      if (c !== 0) for (let t = 0; t < k; t++) Hc[t] = (Hc[t] as number) + c * (model.H[j * k + t] as number);
    }
    p = { HHt: gram(model.H, n, k, new Float64Array(k * k)), Hc, sumC };
    prepared.set(model, p);
  }
  return p;
}

export interface FoldIn {
  w: Float64Array;
  /** The visitor's bias b_u ('masked' with biases; 0 otherwise). */
  bias: number;
}

/**
 * Folds a profile (positions + ratings) into the model with H fixed; see the file comment.
 * O(|profile|·k + k³·active-set steps) for filled fills (plus O(movies·k) once per model), O(|profile|·k²) masked.
 */
export function foldIn(model: NmfModel | MfModel, pv: ProfileVector): FoldIn {
  const k = model.rank;
  const { positions, ratings } = pv;
  if (model.fill === 'masked') {
    const y = Float64Array.from(
      ratings,
      (r, p) => r - model.globalMean - (model.movieBias[positions[p] as number] as number),
    );
    const solver = rowSolver(k);
    solveRow(
      model.H,
      k,
      positions,
      y,
      0,
      positions.length,
      model.regularization,
      model.biasRegularization,
      model.globalMean !== 0,
      solver,
      0,
      model.kind === 'nmf',
    );
    const x = model.kind === 'nmf' ? activeSetQp(solver.A, solver.b, k + 1, (t) => t === k) : solver.x;
    return { w: x.slice(0, k), bias: x[k] as number };
  }
  const { HHt, Hc } = prepare(model);
  const Hv = Float64Array.from(Hc);
  positions.forEach((j, p) => {
    const y = (ratings[p] as number) - (model.fillValues[j] as number);
    for (let t = 0; t < k; t++) Hv[t] = (Hv[t] as number) + y * (model.H[j * k + t] as number);
  });
  // scikit-learn's transform runs CD from a flat start until tol; we solve the same k×k NNLS exactly.
  const w = activeSetQp(HHt, Hv, k);
  return { w, bias: 0 };
}

/** Scores every movie for a folded-in visitor: w·h_j (+ μ + b_u + b_j for 'masked'). O(movies·k). */
export function scoreAll(model: NmfModel | MfModel, f: FoldIn): Float64Array {
  const k = model.rank;
  const n = model.movieIds.length;
  const scores = new Float64Array(n);
  const { H, movieBias } = model;
  const w = f.w;
  const masked = model.fill === 'masked';
  const base = model.globalMean + f.bias;
  // Locals, and the active factors only (the NNLS fold-in leaves some of w at exactly 0): 87k movies × k at 32M.
  const active = Int32Array.from(
    Array.from({ length: k }, (_, t) => t).filter((t) => (w[t] as number) !== 0),
  );
  const weights = Float64Array.from(active, (t) => w[t] as number);
  const a = active.length;
  for (let j = 0; j < n; j++) {
    let s = masked ? base + (movieBias[j] as number) : 0;
    const row = j * k;
    for (let x = 0; x < a; x++) s += (weights[x] as number) * (H[row + (active[x] as number)] as number);
    scores[j] = s;
  }
  return scores;
}

function explainPosition(
  model: NmfModel | MfModel,
  pv: ProfileVector,
  f: FoldIn,
  j: number,
  top = 5,
): Explanation {
  const k = model.rank;
  const active: number[] = [];
  for (let t = 0; t < k; t++) if ((f.w[t] as number) !== 0) active.push(t);
  if (active.length === 0) return { kind: 'nmf', because: [], disliked: [] };
  const a = active.length;
  const M = new Float64Array(a * a);
  const masked = model.fill === 'masked';
  const full = masked ? new Float64Array(k * k) : prepare(model).HHt;
  if (masked) {
    for (const i of pv.positions) {
      for (let s = 0; s < k; s++)
        for (let t = 0; t < k; t++)
          full[s * k + t] =
            (full[s * k + t] as number) + (model.H[i * k + s] as number) * (model.H[i * k + t] as number);
    }
    for (let s = 0; s < k; s++)
      full[s * k + s] = (full[s * k + s] as number) + model.regularization * Math.max(pv.positions.length, 1);
  }
  active.forEach((s, x) => active.forEach((t, y) => (M[x * a + y] = full[s * k + t] as number)));
  const z = choleskySolve(
    M,
    Float64Array.from(active, (t) => model.H[j * k + t] as number),
    a,
  );
  const because = Array.from(pv.positions, (i, p) => {
    const r = pv.ratings[p] as number;
    const y = masked
      ? r - model.globalMean - (model.movieBias[i] as number) - f.bias
      : r - (model.fillValues[i] as number);
    let dot = 0;
    active.forEach((t, x) => (dot += (model.H[i * k + t] as number) * (z[x] as number)));
    return { movieId: model.movieIds[i] as number, rating: r, contribution: y * dot };
  });
  // Only liked movies are cited as reasons; a disliked one whose low rating lifted this score is a side note.
  const { because: liked, disliked } = citeReasons(because, likedThreshold(pv.ratings), { top });
  return { kind: 'nmf', because: liked, disliked };
}

/**
 * Movies most similar to `movieId` by cosine between their factor rows h_j (n×k): [] for an unknown id.
 * O(movies·k).
 */
export function similarMovies(
  model: NmfModel,
  movieId: number,
  n = 10,
): { movieId: number; similarity: number }[] {
  const index = movieIndexOf(model.movieIds);
  const j0 = index.get(movieId);
  if (j0 === undefined) return [];
  const k = model.rank;
  const norm = (j: number) => {
    let s = 0;
    for (let t = 0; t < k; t++) s += (model.H[j * k + t] as number) ** 2;
    return Math.sqrt(s);
  };
  const n0 = norm(j0);
  const scores = new Float64Array(model.movieIds.length);
  for (let j = 0; j < scores.length; j++) {
    let dot = 0;
    for (let t = 0; t < k; t++) dot += (model.H[j * k + t] as number) * (model.H[j0 * k + t] as number);
    const d = n0 * norm(j);
    scores[j] = d > 0 ? dot / d : 0;
  }
  const self = { positions: Int32Array.of(j0), ratings: Float64Array.of(0) };
  return topPositions(scores, model.movieIds, self, { n }).map((j) => ({
    movieId: model.movieIds[j] as number,
    similarity: scores[j] as number,
  }));
}

export function createNmfRecommender(model: NmfModel | MfModel): Recommender {
  const index = movieIndexOf(model.movieIds);
  const predicts = model.fill !== 'zeros';
  const ratingOf = (s: number) => (predicts ? clampRating(s) : null);
  return {
    algorithm: model.kind,
    params: {
      fill: model.fill,
      rank: model.rank,
      ...(model.fill === 'masked'
        ? {
            regularization: model.regularization,
            biasRegularization: model.biasRegularization,
            biases: model.globalMean !== 0,
          }
        : {}),
    },
    recommend(profile: readonly RatedMovie[], options): Recommendation[] {
      const pv = profileVector(profile, index);
      if (pv.positions.length === 0) return popularRecommendations(model, profile, index, options);
      const f = foldIn(model, pv);
      const scores = scoreAll(model, f);
      return topPositions(scores, model.movieIds, pv, options).map((j) => ({
        movieId: model.movieIds[j] as number,
        score: scores[j] as number,
        predictedRating: ratingOf(scores[j] as number),
        explanation: explainPosition(model, pv, f, j),
      }));
    },
    predict(profile, movieIds) {
      const pv = profileVector(profile, index);
      const f = foldIn(model, pv);
      const k = model.rank;
      return movieIds.map((id) => {
        const j = index.get(id);
        if (j === undefined || !predicts) return null;
        let s = model.fill === 'masked' ? model.globalMean + f.bias + (model.movieBias[j] as number) : 0;
        for (let t = 0; t < k; t++) s += (f.w[t] as number) * (model.H[j * k + t] as number);
        return clampRating(s);
      });
    },
    explain(profile, movieId) {
      const pv = profileVector(profile, index);
      const j = index.get(movieId);
      if (j === undefined) return { kind: 'nmf', because: [], disliked: [] };
      if (pv.positions.length === 0) return popularExplanation(model, j);
      return explainPosition(model, pv, foldIn(model, pv), j);
    },
  };
}
