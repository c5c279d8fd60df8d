/**
 * The contract every recommender answers (issue #3). The website, the evaluation and the benchmarks
 * code against these names only; each algorithm lives in its own file, listed once in `registry.ts`, and is
 * fitted by `fitModel` or rebuilt from a serialised model by `createRecommender` (see `index.ts`).
 */

/** One rating by the visitor: MovieLens movie id and a rating in 0.5..5. */
export interface RatedMovie {
  movieId: number;
  rating: number;
}

/** How NMF treats the unrated cells of the users×movies matrix. */
export const NMF_FILLS = ['zeros', 'global-median', 'movie-median', 'masked'] as const;
export type NmfFill = (typeof NMF_FILLS)[number];

export interface RecommendOptions {
  /** How many movies to return (default 10). */
  n?: number;
  /** Movie ids never to return (the profile's movies are always excluded). */
  exclude?: ReadonlySet<number> | readonly number[];
  /** Keep only movies for which this returns true (e.g. a genre filter). */
  filter?: (movieId: number) => boolean;
  /**
   * Leave-one-out for evaluation: a training user whose own row must not be used (cosine skips them
   * as a neighbour). Ignored by algorithms that do not look at other users' rows at query time.
   */
  excludeUserId?: number;
}

export interface Recommendation {
  movieId: number;
  /** The ranking score; comparable only within one list. */
  score: number;
  /** A rating on the 0.5..5 scale, or null where the algorithm does not predict ratings. */
  predictedRating: number | null;
  explanation: Explanation;
}

/** A rated movie behind a score. In `because` lists: liked (≥ 3.5★, or ≥ 3★ if nothing is higher), contribution > 0. */
export interface RatedReason {
  movieId: number;
  rating: number;
  contribution: number;
}

export type Explanation =
  /** `disliked`: movies rated below 3★ whose low rating lifted the score (a side note, never the reason). */
  | { kind: 'nmf'; because: RatedReason[]; disliked?: RatedReason[] }
  /** `neighbours`/`supporters`: the neighbours who rated the movie ≥ 4★; `raters`: all neighbours who rated it. */
  | {
      kind: 'cosine';
      neighbours: { userId: number; similarity: number; rating: number }[];
      supporters: number;
      raters?: number;
    }
  | { kind: 'popular'; ratingCount: number; meanRating: number }
  | { kind: string; text: string; [k: string]: unknown };

export interface Recommender {
  /** The registry name of the algorithm (registry.ts). */
  readonly algorithm: string;
  readonly params: Record<string, unknown>;
  recommend(profile: readonly RatedMovie[], options?: RecommendOptions): Recommendation[];
  /** Predicted ratings for `movieIds`; null where the algorithm cannot predict (unknown movie, no support). */
  predict(profile: readonly RatedMovie[], movieIds: readonly number[]): (number | null)[];
  explain(profile: readonly RatedMovie[], movieId: number): Explanation;
}
