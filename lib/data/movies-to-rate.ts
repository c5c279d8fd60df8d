import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { getPopularityIndex, getTitleIndex, type TitleEntry } from './movie-stats';
import { listMoviesByIds, type MovieSummary } from './movies';

/** A decade as its first year: 1990 for 1990–1999. */
export function decadeOf(year: number | null): number | null {
  return year === null ? null : Math.floor(year / 10) * 10;
}

// The title index is cached and replaced whole on refresh, so its lookup by id is built once per index.
const lookups = new WeakMap<readonly TitleEntry[], Map<number, TitleEntry>>();
function titlesById(titles: readonly TitleEntry[]): Map<number, TitleEntry> {
  let byId = lookups.get(titles);
  if (!byId) lookups.set(titles, (byId = new Map(titles.map((entry) => [entry.id, entry]))));
  return byId;
}

export interface MoviesToRateOptions {
  /** Only movies of this MovieLens genre. */
  genre?: string | null;
  /** Only movies of this decade (its first year, e.g. 1990). */
  decade?: number | null;
  /**
   * Where the page starts: a position in the filtered most-rated list (rated and skipped movies included), so the
   * next page begins after the last movie shown even when the visitor rated some of this page meanwhile.
   */
  start?: number;
  limit?: number;
  /** The visitor's rated movies, left out and counted. */
  rated?: ReadonlySet<number>;
  /** The visitor's "haven't seen it" movies, left out and counted. */
  skipped?: ReadonlySet<number>;
}

export interface MoviesToRate {
  movies: MovieSummary[];
  /** The position just after the last movie shown, when unrated movies are left after it; otherwise null. */
  nextStart: number | null;
  /** The position where the previous page began (null on the first page). */
  previousStart: number | null;
  /** How many movies match the genre and decade (the visitor's rated and skipped ones included). */
  matching: number;
  /** How many of those the visitor rated and skipped (left out of every page). */
  ratedCount: number;
  skippedCount: number;
}

/**
 * The most-rated movies of a genre and decade that the visitor has neither rated nor skipped, one page from `start`.
 * Filtered in memory over the cached popularity order and title index (the start page runs this on each view).
 */
export async function listMoviesToRate(db: Kysely<DB>, options: MoviesToRateOptions = {}): Promise<MoviesToRate> {
  const { genre = null, decade = null, limit = 24, rated = new Set(), skipped = new Set() } = options;
  const [{ ranked }, titles] = await Promise.all([getPopularityIndex(db), getTitleIndex(db)]);
  const byId = titlesById(titles);
  const matches = (entry: TitleEntry | undefined) =>
    entry !== undefined &&
    (genre === null || entry.genres.includes(genre)) &&
    (decade === null || decadeOf(entry.year) === decade);
  const filtered = ranked.filter((id) => matches(byId.get(id)));
  const open = (id: number) => !rated.has(id) && !skipped.has(id);
  const start = Math.min(Math.max(0, Math.floor(options.start ?? 0)), filtered.length);

  const ids: number[] = [];
  let position = start;
  for (; position < filtered.length && ids.length < limit; position++) {
    const id = filtered[position] as number;
    if (open(id)) ids.push(id);
  }
  const more = filtered.slice(position).some(open);

  let previousStart: number | null = null;
  if (start > 0) {
    let back = start;
    for (let found = 0; back > 0 && found < limit; ) if (open(filtered[--back] as number)) found++;
    previousStart = back;
  }

  return {
    movies: await listMoviesByIds(db, ids),
    nextStart: more ? position : null,
    previousStart,
    matching: filtered.length,
    ratedCount: filtered.filter((id) => rated.has(id)).length,
    skippedCount: filtered.filter((id) => skipped.has(id) && !rated.has(id)).length,
  };
}

/** The decades that have rated movies, oldest first, with how many (for the start page's decade filter). */
export async function listDecades(db: Kysely<DB>): Promise<{ decade: number; movieCount: number }[]> {
  const [{ counts }, titles] = await Promise.all([getPopularityIndex(db), getTitleIndex(db)]);
  const perDecade = new Map<number, number>();
  for (const entry of titles) {
    const decade = decadeOf(entry.year);
    if (decade !== null && counts.has(entry.id)) perDecade.set(decade, (perDecade.get(decade) ?? 0) + 1);
  }
  return [...perDecade]
    .sort(([a], [b]) => a - b)
    .map(([decade, movieCount]) => ({ decade, movieCount }));
}
