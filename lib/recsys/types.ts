/**
 * The contract every recommender answers (issue #3). The website, the evaluation and the benchmarks
 * code against these names only; each algorithm lives in its own file and is built by `fitRecommender`
 * or from a serialised model by `createRecommender` (see `index.ts`).
 */

/** One rating by the visitor: MovieLens movie id and a rating in 0.5..5. */
export interface RatedMovie {
  movieId: number;
  rating: number;
}

/** How NMF treats the unrated cells of the users×movies matrix. */
export type NmfFill = 'zeros' | 'global-median' | 'movie-median' | 'masked';

export type AlgorithmName = 'nmf' | 'cosine' | 'popular' | 'ease' | 'mf' | 'ease-ials';

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

export type Explanation =
  | { kind: 'nmf'; because: { movieId: number; rating: number; contribution: number }[] }
  | { kind: 'cosine'; neighbours: { userId: number; similarity: number; rating: number }[]; supporters: number }
  | { kind: 'popular'; ratingCount: number; meanRating: number }
  | { kind: string; text: string; [k: string]: unknown };

export interface Recommender {
  readonly algorithm: AlgorithmName;
  readonly params: Record<string, unknown>;
  recommend(profile: readonly RatedMovie[], options?: RecommendOptions): Recommendation[];
  /** Predicted ratings for `movieIds`; null where the algorithm cannot predict (unknown movie, no support). */
  predict(profile: readonly RatedMovie[], movieIds: readonly number[]): (number | null)[];
  explain(profile: readonly RatedMovie[], movieId: number): Explanation;
}
