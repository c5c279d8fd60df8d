/**
 * The one list of models the site serves, with the words the pages use for them. Its order is the fit order
 * (cheapest first, so that popular and cosine serve within a second of starting, the predictor last); the picker's sections are
 * MODEL_GROUPS, in menu order. The picker, the /about evaluation table, the API's choices and the model cache all
 * derive from these two lists. Plain data (no server imports), so that client components can read it.
 */
import type { NmfFill } from './types';
import type { AlgorithmName } from './registry';

/**
 * A section of the algorithm picker, in menu order; a group with several specs shows them as variants (NMF's
 * fills). `origin` says whose method it is: the original design's (NMF, user-user cosine) or one added for quality.
 */
export interface ModelGroup {
  key: string;
  label: string;
  origin: 'original design' | 'added';
  variantsLabel?: string;
}

export const MODEL_GROUPS: readonly ModelGroup[] = [
  { key: 'for-you', label: 'For you', origin: 'added' },
  { key: 'cosine', label: 'Similar users', origin: 'original design' },
  { key: 'nmf', label: 'NMF', origin: 'original design', variantsLabel: 'Unrated cells' },
];

/** One model the engine fits and serves, e.g. 'nmf-movie-median'. */
export interface ModelSpec {
  key: string;
  algorithm: AlgorithmName;
  /** NMF's fill (also the `fill` URL parameter), null for the other algorithms. */
  fill: NmfFill | null;
  /** Fit parameters; their canonical JSON keys the stored model. */
  params: Record<string, unknown>;
  /**
   * Its MODEL_GROUPS key; a spec of no picker group is fitted for another use: 'fallback' (popular: the list for
   * an empty profile and while models train) or 'predictor' (PREDICTOR_MODEL_KEY).
   */
  group: string;
  /** Full name, e.g. 'NMF, blanks = global median' (the /about table and the picker's description). */
  label: string;
  /** The variant's name within its group, e.g. 'global median' (NMF's fill buttons). */
  variantLabel: string;
  /** One line for visitors: what the model does, and what it is good at. */
  description: string;
  /**
   * Candidates a list may hold (lib/recsys/candidates.ts), the algorithm's maths unchanged: 'neighbourhood' keeps
   * the N movies with the highest lift over the raters of what the visitor liked. The persona suite showed the
   * original design's rankers giving opposite tastes the same high-mean movies without it (README).
   */
  candidates: { kind: 'neighbourhood'; size: number; minRatings: number } | null;
}

const NEIGHBOURHOOD = { kind: 'neighbourhood', size: 100, minRatings: 20 } as const;

const nmf = (fill: NmfFill, label: string, variantLabel: string, description: string): ModelSpec => ({
  key: `nmf-${fill}`,
  algorithm: 'nmf',
  fill,
  params: { fill, rank: 20 },
  group: 'nmf',
  label,
  variantLabel,
  description,
  candidates: NEIGHBOURHOOD,
});

export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    key: 'popular',
    algorithm: 'popular',
    fill: null,
    params: { by: 'count' },
    group: 'fallback',
    label: 'Popular',
    variantLabel: 'Popular',
    description: 'The most rated movies, the same for everyone: what you see before you have rated anything.',
    candidates: null,
  },
  {
    key: 'cosine',
    algorithm: 'cosine',
    fill: null,
    params: { neighbours: 30, centred: false, scoring: 'weighted-sum' },
    group: 'cosine',
    label: 'Similar users (cosine)',
    variantLabel: 'Similar users',
    description:
      'The original design: finds the 30 MovieLens users whose ratings point the same way as yours and suggests what they rated highly, among the movies most watched with the ones you liked.',
    candidates: NEIGHBOURHOOD,
  },
  nmf(
    'zeros',
    'NMF, blanks = 0',
    'zeros',
    'The original design: factorises the users × movies table with unrated cells as zeros, so it learns what people watch together more than how much they liked it.',
  ),
  nmf(
    'movie-median',
    'NMF, blanks = movie median',
    'movie median',
    'The original design: treats every unrated movie as if rated at its median, then factorises the table; it leans to movies with high medians.',
  ),
  nmf(
    'global-median',
    'NMF, blanks = global median',
    'global median',
    'The original design: treats every unrated movie as rated at the median of all ratings (3.5★), then factorises the table.',
  ),
  {
    key: 'for-you',
    algorithm: 'ease-ials',
    fill: null,
    params: {},
    group: 'for-you',
    label: 'For you (EASE + implicit ALS)',
    variantLabel: 'For you',
    description:
      'The best ranker here (the highest NDCG@10 in our evaluation): which movies are liked together (EASE) blended with 32 taste factors learnt from what people watch (implicit ALS).',
    candidates: null,
  },
  // Masked NMF predicts ratings best (RMSE) but ranks poorly: it serves the predicted ratings, not a list.
  {
    ...nmf(
      'masked',
      'NMF, rated cells only',
      'masked',
      'Learns 20 taste factors from the ratings people actually gave, with biases: the predicted rating on every card.',
    ),
    group: 'predictor',
    candidates: null,
  },
];

/** What POST /api/recommendations serves: the picker's models and the popular list (programs may want it). */
export const API_SPECS: readonly ModelSpec[] = MODEL_SPECS.filter((spec) => spec.group !== 'predictor');

/** The models a visitor can pick (the others serve something else: PREDICTOR_MODEL_KEY the predicted ratings). */
export const PICKER_SPECS: readonly ModelSpec[] = MODEL_SPECS.filter((spec) =>
  MODEL_GROUPS.some((group) => group.key === spec.group),
);

// The original design's three NMF fills stay selectable.
const ORIGINAL_FILLS: readonly NmfFill[] = ['zeros', 'global-median', 'movie-median'];
if (ORIGINAL_FILLS.some((fill) => !PICKER_SPECS.some((spec) => spec.fill === fill)))
  throw new Error('an NMF fill of the original design is not selectable');

/** The default list, of the site and of the API: the best ranker on the evaluation and in the persona suite. */
export const DEFAULT_MODEL_KEY = 'for-you';

/**
 * The picker's spec for ?algorithm=&fill= (fill only matters for NMF); NMF without a fill gets its first spec,
 * zeros, the best NMF ranker.
 */
export function findModelSpec(
  algorithm: string | undefined,
  fill?: string | null,
  specs: readonly ModelSpec[] = PICKER_SPECS,
): ModelSpec | undefined {
  return specs.find(
    (spec) => spec.algorithm === algorithm && (fill == null || spec.fill === null || spec.fill === fill),
  );
}

export function modelSpecByKey(key: string): ModelSpec | undefined {
  return MODEL_SPECS.find((spec) => spec.key === key);
}

/**
 * The one predicted rating the site shows ("for you: 4.2★", on every card, search result and movie page) comes from
 * this served model, the best rating predictor by RMSE, through lib/recsys/rating-predictor.ts (shrunk towards the
 * movie's mean while the visitor has few ratings); it is shown once the visitor has PREDICTION_MIN_RATINGS ratings.
 * A list's own ranking score is never shown as a rating.
 */
export const PREDICTOR_MODEL_KEY = 'nmf-masked';
export const PREDICTION_MIN_RATINGS = 5;

/** A short name for charts and tables: the group's name, plus the variant's when the group has several. */
export function shortLabel(spec: ModelSpec): string {
  const group = MODEL_GROUPS.find((candidate) => candidate.key === spec.group);
  if (!group) return spec.label;
  const variants = PICKER_SPECS.filter((other) => other.group === spec.group).length;
  return variants > 1 ? `${group.label}, ${spec.variantLabel}` : group.label;
}

/** The served model fitted with these options, if any (the /about table labels evaluation rows with it). */
export function modelSpecForRun(algorithm: string, params: Record<string, unknown>): ModelSpec | undefined {
  return MODEL_SPECS.find(
    (spec) => spec.algorithm === algorithm && (spec.fill === null || spec.fill === params.fill),
  );
}

/**
 * Part of every stored model's key: bump it when lib/recsys changes how a model is fitted (same data and
 * parameters, different factors), so that stored models from the old code are refitted instead of loaded.
 */
export const FIT_CODE_VERSION = 3; // 3: NMF loss-decrease stop + EASE rating weighting

/** Canonical JSON of parameters (sorted keys, plus FIT_CODE_VERSION): the same fit always gives the same store key. */
export function paramsKey(params: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries({ ...params, fitCode: FIT_CODE_VERSION }).sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/** The URL query for a model, e.g. 'algorithm=nmf&fill=masked'. */
export function modelQuery(spec: ModelSpec): Record<string, string> {
  return spec.fill ? { algorithm: spec.algorithm, fill: spec.fill } : { algorithm: spec.algorithm };
}
