/** What a row of an export file says, before it is matched to the catalogue. */
export interface ImportEntry {
  /** Stable within one file: "<file>:<line>", so a choice made on the report finds its row again on confirm. */
  key: string;
  /** A rating to save, or a movie for the watchlist. */
  kind: 'rating' | 'watchlist';
  /** 0.5–5 in half steps (kind 'rating'). */
  rating?: number;
  /** When the site says the rating (or watchlist entry) was made; null when the file has no date. */
  date: Date | null;
  title: string;
  year: number | null;
  /** Ids the file gives: MovieLens movieId, IMDb digits without "tt" and zeros, TMDB id. */
  movieId?: number;
  imdbId?: number;
  tmdbId?: number;
}

/** Rows a reader passes over without matching, with why (counted on the report). */
export interface SkippedRows {
  /** IMDb TV series, episodes, video games …, by title type. */
  notMovies: Record<string, number>;
  /** Diary entries logged without a rating. */
  unrated: number;
}

export interface ParsedFile {
  /** The registry id of the format, e.g. "imdb-ratings". */
  format: string;
  /** How the report names it: "IMDb ratings export". */
  label: string;
  entries: ImportEntry[];
  skipped: SkippedRows;
}

export function noSkips(): SkippedRows {
  return { notMovies: {}, unrated: 0 };
}
