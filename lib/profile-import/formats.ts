import { isRatingValue, RATING_SCALE_TEXT } from '@/lib/rating-scale';
import type { ImportEntry, SkippedRows } from './types';

/**
 * Every export format the import reads, one entry each: detection from the header (lower-cased column names) and
 * the reading of one row. A new format is one more entry here (and a fixture in data/fixtures/imports/).
 * `read` returns an entry, or a reason to pass the row over (counted on the report), and throws a BadRow for a
 * value the site could not have written.
 */
export interface ExportFormat {
  id: string;
  label: string;
  /** Columns that must all be present; the first format whose columns (and name rule) fit is chosen. */
  columns: readonly string[];
  /** Columns that must be absent (tells a ratings file from a watchlist with the same others). */
  without?: readonly string[];
  read(row: Row): ImportEntry | Skip;
}

/** A data row by lower-cased column name, with its key ("<file>:<line>"). */
export interface Row {
  key: string;
  get(column: string): string;
}

export type Skip = { skip: keyof SkippedRows; detail?: string };

export class BadRow extends Error {}

function int(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function year(text: string): number | null {
  const value = int(text);
  return value !== null && value >= 1870 && value <= 2100 ? value : null;
}

/** "2023-05-01" (IMDb, Letterboxd): midnight UTC of that day; empty → null. */
function day(text: string, column: string): Date | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const date = match ? new Date(`${trimmed}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new BadRow(`${column} "${trimmed}" is not a date (YYYY-MM-DD)`);
  return date;
}

function starRating(text: string, column: string): number {
  const value = Number(text.trim());
  if (!text.trim() || !isRatingValue(value))
    throw new BadRow(`${column} "${text}" is not ${RATING_SCALE_TEXT}`);
  return value;
}

/**
 * IMDb rates 1–10; the site 0.5–5 in half steps. rating / 2 maps the ten values one to one onto the ten half
 * steps (10 → 5★, 7 → 3.5★, 1 → 0.5★), so nothing is rounded and an export back to IMDb would give the same numbers.
 */
export function imdbToStars(text: string): number {
  const value = int(text);
  if (value === null || value < 1 || value > 10) throw new BadRow(`Your Rating "${text}" is not 1 to 10`);
  return value / 2;
}

function imdbConst(text: string): number {
  const match = /^tt(\d{1,10})$/.exec(text.trim());
  if (!match) throw new BadRow(`Const "${text}" is not an IMDb id (tt followed by digits)`);
  return Number(match[1]);
}

/**
 * IMDb title types that are films, as IMDb writes them in either export generation ("movie", "tvMovie" … or
 * "Movie", "TV Movie" …, compared without case and spaces). MovieLens catalogues films, and has TV movies, videos
 * and shorts among them ("Wallace & Gromit: A Close Shave" is a short), so those are matched by id; series,
 * episodes, mini-series, specials, video games and podcasts are skipped and counted by type.
 */
const IMDB_FILM_TYPES = new Set(['movie', 'tvmovie', 'video', 'short', 'tvshort']);

function imdbEntry(row: Row, kind: 'rating' | 'watchlist'): ImportEntry | Skip {
  const type = row.get('title type').trim();
  if (type && !IMDB_FILM_TYPES.has(type.toLowerCase().replace(/\s+/g, '')))
    return { skip: 'notMovies', detail: type };
  return {
    key: row.key,
    kind,
    ...(kind === 'rating' ? { rating: imdbToStars(row.get('your rating')) } : {}),
    date: day(
      kind === 'rating' ? row.get('date rated') : row.get('created'),
      kind === 'rating' ? 'Date Rated' : 'Created',
    ),
    title: row.get('title').trim(),
    year: year(row.get('year')),
    imdbId: imdbConst(row.get('const')),
  };
}

/**
 * MovieLens.org's exports have no dates. The wishlist export is assumed to have the ratings file's columns
 * without `rating` (movie_id,imdb_id,tmdb_id,average_rating,title); only movie_id is required of it.
 */
function movieLensEntry(row: Row, kind: 'rating' | 'watchlist'): ImportEntry {
  const movieId = int(row.get('movie_id'));
  if (movieId === null) throw new BadRow(`movie_id "${row.get('movie_id')}" is not a number`);
  const imdbId = int(row.get('imdb_id').replace(/^tt/, '')); // digits, or IMDb's own "tt…" form
  const tmdbId = int(row.get('tmdb_id'));
  const title = row.get('title').trim();
  return {
    key: row.key,
    kind,
    ...(kind === 'rating' ? { rating: starRating(row.get('rating'), 'rating') } : {}),
    date: null,
    title: title.replace(/\s*\(\d{4}\)\s*$/, ''), // "Toy Story (1995)": the year has its own field
    year: year(/\((\d{4})\)\s*$/.exec(title)?.[1] ?? ''),
    movieId,
    ...(imdbId ? { imdbId } : {}),
    ...(tmdbId ? { tmdbId } : {}),
  };
}

function letterboxdEntry(row: Row, kind: 'rating' | 'watchlist', dateColumns: string[]): ImportEntry | Skip {
  if (kind === 'rating' && !row.get('rating').trim()) return { skip: 'unrated' };
  const dateColumn = dateColumns.find((column) => row.get(column).trim()) ?? dateColumns[0]!;
  return {
    key: row.key,
    kind,
    ...(kind === 'rating' ? { rating: starRating(row.get('rating'), 'Rating') } : {}),
    date: day(row.get(dateColumn), dateColumn),
    title: row.get('name').trim(),
    year: year(row.get('year')),
  };
}

const LETTERBOXD = ['date', 'name', 'year', 'letterboxd uri'] as const;

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'movielens-ratings',
    label: 'MovieLens.org ratings export',
    columns: ['movie_id', 'imdb_id', 'tmdb_id', 'rating', 'title'],
    read: (row) => movieLensEntry(row, 'rating'),
  },
  {
    id: 'movielens-wishlist',
    label: 'MovieLens.org wishlist export',
    columns: ['movie_id', 'title'],
    without: ['rating'],
    read: (row) => movieLensEntry(row, 'watchlist'),
  },
  {
    id: 'imdb-ratings',
    label: 'IMDb ratings export',
    columns: ['const', 'your rating', 'date rated', 'title', 'title type', 'year'],
    read: (row) => imdbEntry(row, 'rating'),
  },
  {
    id: 'imdb-watchlist',
    label: 'IMDb watchlist export',
    columns: ['const', 'created', 'title', 'title type', 'year'],
    without: ['your rating'],
    read: (row) => imdbEntry(row, 'watchlist'),
  },
  {
    id: 'letterboxd-diary',
    label: 'Letterboxd diary',
    columns: [...LETTERBOXD, 'rating', 'watched date'],
    without: ['review'],
    // The day watched is when the rating was given; "Date" is when it was logged.
    read: (row) => letterboxdEntry(row, 'rating', ['watched date', 'date']),
  },
  {
    id: 'letterboxd-ratings',
    label: 'Letterboxd ratings',
    columns: [...LETTERBOXD, 'rating'],
    without: ['watched date'],
    read: (row) => letterboxdEntry(row, 'rating', ['date']),
  },
  {
    id: 'letterboxd-watchlist',
    label: 'Letterboxd watchlist',
    columns: LETTERBOXD,
    without: ['rating', 'watched date'],
    read: (row) => letterboxdEntry(row, 'watchlist', ['date']),
  },
];

/** The format whose header this is, or null. Letterboxd's watched.csv has the watchlist's columns: told by name. */
export function detectFormat(header: readonly string[], fileName: string): ExportFormat | null {
  const present = new Set(header.map((column) => column.trim().toLowerCase()));
  const format = EXPORT_FORMATS.find(
    (candidate) =>
      candidate.columns.every((column) => present.has(column)) &&
      !(candidate.without ?? []).some((column) => present.has(column)),
  );
  if (format?.id === 'letterboxd-watchlist' && /(^|\/)watched\.csv$/i.test(fileName)) return null;
  return format ?? null;
}

export const FORMAT_NAMES =
  'a MovieLens.org ratings or wishlist export, an IMDb ratings export, or Letterboxd’s export ZIP or its ratings.csv, diary.csv or watchlist.csv';
