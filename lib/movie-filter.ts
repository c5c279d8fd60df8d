/**
 * What a visitor can narrow a movie list by, and its one set of defaults: an empty filter keeps every movie
 * (the pages and the API choose their own default minimum, DEFAULT_MIN_RATINGS). Both the in-memory catalog
 * filter and the SQL fallback read a filter through `resolveMovieFilter`.
 */
export interface MovieFilter {
  genre?: string | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  /** Minimum number of MovieLens ratings (default 0: no minimum). */
  minRatings?: number;
}

export type ResolvedMovieFilter = { [K in keyof MovieFilter]-?: NonNullable<MovieFilter[K]> | null } & {
  minRatings: number;
};

export function resolveMovieFilter(filter: MovieFilter = {}): ResolvedMovieFilter {
  return {
    genre: filter.genre || null,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
    minRatings: filter.minRatings ?? 0,
  };
}

/** True when the filter keeps every movie. */
export function isEmptyFilter(filter: ResolvedMovieFilter): boolean {
  return !filter.genre && filter.yearFrom === null && filter.yearTo === null && filter.minRatings <= 0;
}
