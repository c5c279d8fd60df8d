/**
 * The models the site keeps, with the words the pages use for them. Plain data (no server imports), so that
 * client components can show the choices and their one-line descriptions.
 */
import type { AlgorithmName, NmfFill } from '@/lib/recsys/types';

export const NMF_FILLS = ['zeros', 'global-median', 'movie-median', 'masked'] as const satisfies readonly NmfFill[];

/** One model the engine fits and serves, e.g. 'nmf-movie-median'. */
export interface ModelSpec {
  key: string;
  algorithm: AlgorithmName;
  fill: NmfFill | null;
  /** Fit parameters; their canonical JSON keys the stored model. */
  params: Record<string, unknown>;
  label: string;
  /** One line for visitors: what the model does. */
  description: string;
  /** True when the score is a predicted rating on the 0.5–5 scale. */
  predictsRatings: boolean;
}

export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    key: 'nmf-zeros', algorithm: 'nmf', fill: 'zeros', params: { fill: 'zeros', rank: 20 },
    label: 'NMF, blanks = 0',
    description: 'Treats unrated as a zero rating: it learns what people watch more than how they liked it (predictions run low).',
    predictsRatings: true,
  },
  {
    key: 'nmf-global-median', algorithm: 'nmf', fill: 'global-median', params: { fill: 'global-median', rank: 20 },
    label: 'NMF, blanks = global median',
    description: 'Treats every unrated movie as rated at the median of all ratings (3.5★), then factorises the table.',
    predictsRatings: true,
  },
  {
    key: 'nmf-movie-median', algorithm: 'nmf', fill: 'movie-median', params: { fill: 'movie-median', rank: 20 },
    label: 'NMF, blanks = movie median',
    description: 'Treats every unrated movie as if rated at its median, then factorises the full users × movies table.',
    predictsRatings: true,
  },
  {
    key: 'nmf-masked', algorithm: 'nmf', fill: 'masked', params: { fill: 'masked', rank: 20 },
    label: 'NMF, rated cells only',
    description: 'Learns 20 taste factors from the ratings people actually gave (blanks are ignored), then places you among them.',
    predictsRatings: true,
  },
  {
    key: 'cosine', algorithm: 'cosine', fill: null, params: { neighbours: 30, centred: false, scoring: 'weighted-sum' },
    label: 'Similar users (cosine)',
    description: 'Finds the MovieLens users whose ratings point the same way as yours and suggests what they rated highly.',
    predictsRatings: true,
  },
  {
    key: 'mf', algorithm: 'mf', fill: null, params: { rank: 20 },
    label: 'Matrix factorisation (biased)',
    description: 'Like NMF on rated cells, plus per-user and per-movie biases and factors that may be negative: the best rating predictor here.',
    predictsRatings: true,
  },
  {
    key: 'ease', algorithm: 'ease', fill: null, params: { lambda: 150, minRatings: 10, weighting: 'rating' },
    label: 'EASE (watched together)',
    description: 'Learns which movies are watched, and liked, by the same people and ranks what goes with what you rated.',
    predictsRatings: false,
  },
  {
    key: 'popular', algorithm: 'popular', fill: null, params: { by: 'count' },
    label: 'Popular',
    description: 'The best-liked widely rated movies, the same for everyone: a baseline that ignores your ratings.',
    predictsRatings: false,
  },
];

/**
 * The default list: cosine neighbours, a seed algorithm second only to EASE on NDCG@10 (0.27 vs 0.32,
 * lib/engine/evaluation-results.json) and explained by real neighbours;
 * for NMF the default fill is 'zeros', the best NMF ranker there (its scores are not ratings).
 */
export const DEFAULT_MODEL_KEY = 'cosine';
export const DEFAULT_NMF_FILL: NmfFill = 'zeros';

/** The spec for ?algorithm=&fill= (fill only matters for NMF; NMF without a fill gets the default fill). */
export function findModelSpec(algorithm: string | undefined, fill?: string | null): ModelSpec | undefined {
  if (algorithm === 'nmf') {
    const wanted = fill ?? DEFAULT_NMF_FILL;
    return MODEL_SPECS.find((spec) => spec.algorithm === 'nmf' && spec.fill === wanted);
  }
  return MODEL_SPECS.find((spec) => spec.algorithm === algorithm);
}

export function modelSpecByKey(key: string): ModelSpec | undefined {
  return MODEL_SPECS.find((spec) => spec.key === key);
}

/**
 * Part of every stored model's key: bump it when lib/recsys changes how a model is fitted (same data and
 * parameters, different factors), so that stored models from the old code are refitted instead of loaded.
 */
export const FIT_CODE_VERSION = 3; // 3: NMF loss-decrease stop + EASE rating weighting

/** Canonical JSON of parameters (sorted keys, plus FIT_CODE_VERSION): the same fit always gives the same store key. */
export function paramsKey(params: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries({ ...params, fitCode: FIT_CODE_VERSION }).sort(([a], [b]) => a.localeCompare(b))));
}

/** The URL query for a model, e.g. 'algorithm=nmf&fill=masked'. */
export function modelQuery(spec: ModelSpec): Record<string, string> {
  return spec.fill ? { algorithm: spec.algorithm, fill: spec.fill } : { algorithm: spec.algorithm };
}
