/**
 * The default "For you" ranker: EASE (ease.ts, X = rating/5) blended with implicit ALS (ials.ts) on the same
 * movies. Two measured adjustments to EASE (table in lib/recsys/README.md):
 *  - popularity: column j of B is scaled by count_j^−β (β = 0.2), which lifts less-watched movies a little;
 *  - profile: a visitor's rating enters as (r/5)^p with p = 2, so a 5★ counts 2.8× a 3★ (rating/5: 1.7×).
 * score_j = s_ease_j / max s_ease + blend · s_ials_j / max s_ials (maxima over the movies the visitor may
 * get, so the two halves are on one scale per visitor). Both halves are linear in the profile's movies, so
 * each score splits exactly into one contribution per rated movie; explanations cite only the visitor's
 * liked movies (see likedThreshold) with a positive contribution, strongest first.
 * Fit: EASE's inversion (~2/3·n³) + a few iALS sweeps; recommend: O(|profile|·n + n·k + |profile|·k²).
 */
import { profileVector, topPositions, type ProfileVector } from './common';
import { EASE_MAX_MOVIES, fitEase } from './ease';
import { choleskyFactor, choleskySubstitute } from './linalg';
import { fitIalsFactors, ialsConfidence, ialsSystem, weightedGram, type IalsOptions } from './ials';
import type { RatingMatrix } from './matrix';
import { movieIndexOf, popularExplanation, popularRecommendations } from './popular';
import type { Explanation, RatedMovie, Recommender } from './types';

export interface EaseIalsOptions {
  /** EASE's λ (default 150) and minimum ratings per modelled movie (default 10). */
  lambda?: number;
  minRatings?: number;
  /** At most this many modelled movies, the most rated (default EASE_MAX_MOVIES; see ease.ts). */
  maxMovies?: number;
  /** β in count^−β applied to EASE's columns (default 0.2). */
  popularityExponent?: number;
  /** p in the profile weight (r/5)^p of EASE's half (default 2). */
  profileExponent?: number;
  /** Weight of the iALS half after both are scaled to a maximum of 1 (default 0.35). */
  blend?: number;
  ials?: IalsOptions;
}

export interface EaseIalsModel {
  readonly kind: 'ease-ials';
  readonly lambda: number;
  readonly minRatings: number;
  /** Absent in models stored before the option existed (no cap). */
  readonly maxMovies?: number;
  readonly popularityExponent: number;
  readonly profileExponent: number;
  readonly blend: number;
  readonly factors: number;
  readonly alpha: number;
  readonly regularization: number;
  readonly unobservedWeight: number;
  readonly iterations: number;
  /** Modelled movie ids ascending; B (n×n, popularity-scaled, zero diagonal) and V (n×factors) row-major. */
  readonly movieIds: Int32Array;
  readonly B: Float32Array;
  readonly V: Float64Array;
  readonly counts: Int32Array;
  readonly means: Float64Array;
}

/** The lowest rating that counts as liked for a reason: 3.5, or 3 when the visitor rated nothing ≥ 3.5. */
export function likedThreshold(ratings: ArrayLike<number>): number {
  for (let t = 0; t < ratings.length; t++) if ((ratings[t] as number) >= 3.5) return 3.5;
  return 3;
}

export function fitEaseIals(mat: RatingMatrix, options: EaseIalsOptions = {}): EaseIalsModel {
  const {
    lambda = 150,
    minRatings = 10,
    maxMovies = EASE_MAX_MOVIES,
    popularityExponent = 0.2,
    profileExponent = 2,
    blend = 0.35,
    ials = {},
  } = options;
  if (!(popularityExponent >= 0 && popularityExponent <= 1))
    throw new RangeError(`ease-ials: popularityExponent must be in [0, 1], got ${popularityExponent}`);
  if (!(profileExponent >= 0))
    throw new RangeError(`ease-ials: profileExponent must be ≥ 0, got ${profileExponent}`);
  if (!(blend >= 0)) throw new RangeError(`ease-ials: blend must be ≥ 0, got ${blend}`);
  const ease = fitEase(mat, { lambda, minRatings, maxMovies, weighting: 'rating' });
  const n = ease.movieIds.length;
  const B = ease.B; // fitEase's own array, not shared with anyone: scaled in place
  for (let j = 0; j < n; j++) {
    const f = Math.pow(ease.counts[j] as number, -popularityExponent);
    for (let i = 0; i < n; i++) B[i * n + j] = (B[i * n + j] as number) * f;
  }
  const local = new Int32Array(mat.movies).fill(-1);
  const index = movieIndexOf(ease.movieIds);
  mat.movieIds.forEach((id, j) => (local[j] = index.get(id) ?? -1));
  const {
    factors = 32,
    alpha = 10,
    regularization = 50,
    unobservedWeight = 1,
    iterations = 6,
    seed = 42,
  } = ials;
  const V = fitIalsFactors(mat, local, n, {
    factors,
    alpha,
    regularization,
    unobservedWeight,
    iterations,
    seed,
  });
  return {
    kind: 'ease-ials',
    lambda,
    minRatings,
    maxMovies,
    popularityExponent,
    profileExponent,
    blend,
    factors,
    alpha,
    regularization,
    unobservedWeight,
    iterations,
    movieIds: ease.movieIds,
    B,
    V,
    counts: ease.counts,
    means: ease.means,
  };
}

interface Scored {
  pv: ProfileVector;
  total: Float64Array;
  /** Per profile movie: its EASE weight / max s_ease, and g_i·blend/max s_ials (k each), for exact contributions. */
  easeScale: Float64Array;
  g: Float64Array;
}

export function createEaseIalsRecommender(model: EaseIalsModel): Recommender {
  const index = movieIndexOf(model.movieIds);
  const n = model.movieIds.length;
  const k = model.factors;
  const { B, V } = model;
  const G = weightedGram(V, n, k, model.unobservedWeight);

  const score = (pv: ProfileVector): Scored => {
    const m = pv.positions.length;
    const se = new Float64Array(n);
    const w = Float64Array.from(pv.ratings, (r) => Math.pow(r / 5, model.profileExponent));
    for (let p = 0; p < m; p++) {
      const row = (pv.positions[p] as number) * n;
      const wp = w[p] as number;
      for (let j = 0; j < n; j++) se[j] = (se[j] as number) + wp * (B[row + j] as number);
    }
    // Fold-in: f = A⁻¹ Σ (1 + c_i) v_i; g_i = (1 + c_i) A⁻¹ v_i, so Σ g_i = f.
    const conf = Float64Array.from(pv.ratings, (r) => ialsConfidence(r, model.alpha));
    const L = choleskyFactor(ialsSystem(G, V, k, pv.positions, conf, model.regularization).A, k);
    const g = new Float64Array(m * k);
    const f = new Float64Array(k);
    for (let p = 0; p < m; p++) {
      const gi = choleskySubstitute(
        L,
        V.subarray((pv.positions[p] as number) * k, (pv.positions[p] as number) * k + k),
        k,
      );
      for (let a = 0; a < k; a++) {
        const x = (1 + (conf[p] as number)) * (gi[a] as number);
        g[p * k + a] = x;
        f[a] = (f[a] as number) + x;
      }
    }
    const sa = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += (f[a] as number) * (V[j * k + a] as number);
      sa[j] = s;
    }
    const blocked = new Uint8Array(n);
    for (const i of pv.positions) blocked[i] = 1;
    let me = 0;
    let ma = 0;
    for (let j = 0; j < n; j++) {
      if (blocked[j]) continue;
      if ((se[j] as number) > me) me = se[j] as number;
      if ((sa[j] as number) > ma) ma = sa[j] as number;
    }
    me = me > 0 ? me : 1;
    ma = ma > 0 ? ma : 1;
    const total = new Float64Array(n);
    for (let j = 0; j < n; j++) total[j] = (se[j] as number) / me + (model.blend * (sa[j] as number)) / ma;
    for (let t = 0; t < g.length; t++) g[t] = ((g[t] as number) * model.blend) / ma;
    return { pv, total, easeScale: w.map((x) => x / me), g };
  };

  const explainPosition = ({ pv, easeScale, g }: Scored, j: number): Explanation => {
    const liked = likedThreshold(pv.ratings);
    const because: { movieId: number; rating: number; contribution: number }[] = [];
    pv.positions.forEach((i, p) => {
      const rating = pv.ratings[p] as number;
      if (rating < liked) return;
      let c = (easeScale[p] as number) * (B[i * n + j] as number);
      for (let a = 0; a < k; a++) c += (g[p * k + a] as number) * (V[j * k + a] as number);
      if (c > 0) because.push({ movieId: model.movieIds[i] as number, rating, contribution: c });
    });
    because.sort((a, b) => b.contribution - a.contribution || a.movieId - b.movieId);
    return {
      kind: 'ease-ials',
      text: 'Viewers who liked these movies also watched this',
      because: because.slice(0, 5),
    };
  };

  return {
    algorithm: 'ease-ials',
    params: {
      lambda: model.lambda,
      minRatings: model.minRatings,
      popularityExponent: model.popularityExponent,
      profileExponent: model.profileExponent,
      blend: model.blend,
      factors: k,
      alpha: model.alpha,
      regularization: model.regularization,
      iterations: model.iterations,
    },
    recommend(profile: readonly RatedMovie[], options) {
      const pv = profileVector(profile, index);
      if (pv.positions.length === 0) return popularRecommendations(model, profile, index, options);
      const s = score(pv);
      return topPositions(s.total, model.movieIds, pv, options).map((j) => ({
        movieId: model.movieIds[j] as number,
        score: s.total[j] as number,
        predictedRating: null,
        explanation: explainPosition(s, j),
      }));
    },
    predict: (_profile, movieIds) => movieIds.map(() => null),
    explain(profile, movieId) {
      const j = index.get(movieId);
      if (j === undefined)
        return { kind: 'ease-ials', text: 'Not enough ratings to model this movie', because: [] };
      const pv = profileVector(profile, index);
      if (pv.positions.length === 0) return popularExplanation(model, j);
      return explainPosition(score(pv), j);
    },
  };
}
