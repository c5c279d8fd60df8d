import { displayTitle } from '@/lib/display';
import type { CatalogueIndex } from './match';
import type { ParsedUpload } from './read-export';
import type { ImportEntry } from './types';

/**
 * The match report and what confirming it would write, from the parsed file, the catalogue and the visitor's
 * current ratings and watchlist. Pure, so the page's preview and the confirmed save (which plans again inside its
 * transaction) agree by construction.
 *
 * A rating from the file against one the visitor already has:
 * - same value → unchanged (nothing written, so importing a file twice changes nothing);
 * - the file's date is later than the stored rating's → replaces it;
 * - otherwise (older, or the file has no dates, as MovieLens.org's exports) → kept: an import never overwrites a
 *   rating the visitor made later, or one it cannot date.
 * Several rows for one movie (a Letterboxd diary's rewatches) → the latest-dated one, the later row on a tie.
 * A watchlist row for a movie the visitor has rated (or that the same upload rates) is not added.
 */

export type RatingStatus = 'new' | 'unchanged' | 'replaces' | 'kept';
export type WatchlistStatus = 'new' | 'unchanged' | 'rated';
/** An ambiguous row: the movie id chosen on the report, or 'skip'. Rows without a choice are skipped. */
export type Choices = Record<string, number | 'skip'>;

/** Candidates the report offers for an ambiguous row. */
export const MAX_CANDIDATES = 10;

export interface VisitorState {
  ratings: Map<number, { rating: number; ratedAt: Date }>;
  watchlist: Set<number>;
}

export interface MovieRef {
  movieId: number;
  title: string;
  year: number | null;
}

interface FileRow {
  key: string;
  /** As the file names it. */
  fileTitle: string;
  fileYear: number | null;
}

export interface PlannedRating extends FileRow, MovieRef {
  rating: number;
  date: string | null;
  by: 'id' | 'title' | 'chosen';
  status: RatingStatus;
  current: number | null;
}

export interface PlannedWatch extends FileRow, MovieRef {
  date: string | null;
  status: WatchlistStatus;
}

export interface AmbiguousRow extends FileRow {
  kind: ImportEntry['kind'];
  rating: number | null;
  candidates: (MovieRef & { genres: string[] })[];
  chosen: number | 'skip' | null;
}

export interface MissingRow extends FileRow {
  kind: ImportEntry['kind'];
}

export interface ImportReport {
  files: ParsedUpload['files'];
  ratings: PlannedRating[];
  watchlist: PlannedWatch[];
  ambiguous: AmbiguousRow[];
  missing: MissingRow[];
  skipped: { notMovies: Record<string, number>; unrated: number; duplicates: number };
  counts: {
    rows: number;
    ratings: Record<RatingStatus, number>;
    watchlist: Record<WatchlistStatus, number>;
    ambiguous: number;
    missing: number;
    notMovies: number;
  };
}

const later = (a: ImportEntry, b: ImportEntry): boolean =>
  (a.date?.getTime() ?? -Infinity) >= (b.date?.getTime() ?? -Infinity);

function ratingStatus(
  entry: ImportEntry,
  current: { rating: number; ratedAt: Date } | undefined,
): RatingStatus {
  if (!current) return 'new';
  if (current.rating === entry.rating) return 'unchanged';
  return entry.date && entry.date.getTime() > current.ratedAt.getTime() ? 'replaces' : 'kept';
}

export function planImport(
  upload: ParsedUpload,
  catalogue: CatalogueIndex,
  state: VisitorState,
  choices: Choices = {},
): ImportReport {
  const ref = (movieId: number): MovieRef => {
    const movie = catalogue.movies.get(movieId)!;
    return { movieId, title: displayTitle(movie.title), year: movie.year };
  };
  const fileRow = (entry: ImportEntry): FileRow => ({
    key: entry.key,
    fileTitle: entry.title,
    fileYear: entry.year,
  });
  const chosen = {
    rating: new Map<number, { entry: ImportEntry; by: PlannedRating['by'] }>(),
    watchlist: new Map<number, ImportEntry>(),
  };
  const ambiguous: AmbiguousRow[] = [];
  const missing: MissingRow[] = [];
  let duplicates = 0;

  for (const entry of upload.entries) {
    const match = catalogue.match(entry);
    let movieId: number | null = null;
    let by: PlannedRating['by'] = 'id';
    if (match.status === 'matched') ({ movieId, by } = match);
    else if (match.status === 'missing') missing.push({ ...fileRow(entry), kind: entry.kind });
    else {
      const choice = choices[entry.key];
      const valid = choice === 'skip' || (choice !== undefined && match.candidates.includes(choice));
      ambiguous.push({
        ...fileRow(entry),
        kind: entry.kind,
        rating: entry.rating ?? null,
        // The likeliest few: a title without a year ("Emma") can fit dozens of movies.
        candidates: match.candidates.slice(0, MAX_CANDIDATES).map((id) => ({
          ...ref(id),
          genres: [...(catalogue.movies.get(id)!.genres ?? [])],
        })),
        chosen: valid ? choice : null,
      });
      if (valid && choice !== 'skip') [movieId, by] = [choice, 'chosen'];
    }
    if (movieId === null) continue;
    if (entry.kind === 'rating') {
      const previous = chosen.rating.get(movieId);
      if (previous) duplicates += 1;
      if (!previous || later(entry, previous.entry)) chosen.rating.set(movieId, { entry, by });
    } else {
      const previous = chosen.watchlist.get(movieId);
      if (previous) duplicates += 1;
      if (!previous || later(entry, previous)) chosen.watchlist.set(movieId, entry);
    }
  }

  const ratings = [...chosen.rating].map(([movieId, { entry, by }]): PlannedRating => {
    const current = state.ratings.get(movieId);
    return {
      ...fileRow(entry),
      ...ref(movieId),
      rating: entry.rating!,
      date: entry.date?.toISOString() ?? null,
      by,
      status: ratingStatus(entry, current),
      current: current?.rating ?? null,
    };
  });
  const watchlist = [...chosen.watchlist].map(([movieId, entry]): PlannedWatch => {
    const rated = state.ratings.has(movieId) || chosen.rating.has(movieId);
    return {
      ...fileRow(entry),
      ...ref(movieId),
      date: entry.date?.toISOString() ?? null,
      status: rated ? 'rated' : state.watchlist.has(movieId) ? 'unchanged' : 'new',
    };
  });
  const tally = <S extends string>(rows: { status: S }[], statuses: readonly S[]) =>
    Object.fromEntries(
      statuses.map((status) => [status, rows.filter((row) => row.status === status).length]),
    ) as Record<S, number>;
  const notMovies = Object.values(upload.skipped.notMovies).reduce((sum, count) => sum + count, 0);
  return {
    files: upload.files,
    ratings,
    watchlist,
    ambiguous,
    missing,
    skipped: { ...upload.skipped, duplicates },
    counts: {
      rows: upload.entries.length + notMovies + upload.skipped.unrated,
      ratings: tally(ratings, ['new', 'unchanged', 'replaces', 'kept'] as const),
      watchlist: tally(watchlist, ['new', 'unchanged', 'rated'] as const),
      ambiguous: ambiguous.length,
      missing: missing.length,
      notMovies,
    },
  };
}

/** What confirming writes: new and replacing ratings, new watchlist entries. */
export function writesOf(report: ImportReport): { ratings: PlannedRating[]; watchlist: PlannedWatch[] } {
  return {
    ratings: report.ratings.filter((row) => row.status === 'new' || row.status === 'replaces'),
    watchlist: report.watchlist.filter((row) => row.status === 'new'),
  };
}
