/**
 * This site's profile export (issue 10): what a visitor downloads from /profile and restores in another browser.
 * Two spellings of one content, both exact (every time to the millisecond, every mark):
 * - CSV: one row per rating or mark, told apart by `kind` (rating | watchlist | hidden | unseen), under exactly
 *   the header CSV_HEADER; `rating` and `ratedAt` are filled on rating rows, `markedAt` on mark rows;
 * - JSON: { format: JSON_FORMAT, version: 1, exportedAt, ratings: [...], watchlist: [...], hidden: [...], unseen: [...] }.
 * imdbId, tmdbId and title are there for people and other sites; a restore reads movieId only.
 */
import type { MovieMark } from '@/db/schema';

export const JSON_FORMAT = 'movielens-recommender-profile';
export const FORMAT_VERSION = 1;
export const CSV_COLUMNS = [
  'kind',
  'movieId',
  'imdbId',
  'tmdbId',
  'title',
  'rating',
  'ratedAt',
  'markedAt',
] as const;
export const CSV_HEADER = CSV_COLUMNS.join(',');
export const EXPORT_MARKS = ['watchlist', 'hidden', 'unseen'] as const satisfies readonly MovieMark[];

/** A movie as the export names it. */
export interface ExportedMovie {
  movieId: number;
  /** Digits as in links.csv ("0114709"); null when the catalogue has no link. */
  imdbId: string | null;
  tmdbId: number | null;
  /** The MovieLens title, "Toy Story (1995)". */
  title: string;
  year: number | null;
}

export interface ExportedRating extends ExportedMovie {
  rating: number;
  ratedAt: Date;
}

export interface ExportedMark extends ExportedMovie {
  mark: MovieMark;
  markedAt: Date;
}

/** A visitor's whole profile, ready to write in any of the formats. */
export interface ProfileExport {
  exportedAt: Date;
  ratings: ExportedRating[];
  marks: ExportedMark[];
}

/** What a restore reads back from either spelling: ids, values and times. */
export interface RestoredProfile {
  format: 'csv' | 'json';
  ratings: { movieId: number; rating: number; ratedAt: Date }[];
  marks: { movieId: number; mark: MovieMark; markedAt: Date }[];
}
