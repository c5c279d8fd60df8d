import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { RATING_VALUES } from '@/lib/rating-scale';
import { findDataVersion } from './data-version';

/**
 * Per-process caches of what orders lists: the genres and the title index (and, on a hand-seeded database, how often
 * each movie was rated). They change only with an import, so every DATA_CHECK_SECONDS (the interval at which every
 * process looks for another's import) an entry checks the data version (one indexed row) and reloads only when it
 * moved, in the background (the old value is served meanwhile); reloading 87k titles every minute stalled a 32M
 * site for half a second. A database with no recorded import reloads at that interval. Keyed by connection, so each
 * test database has its own. The numbers a page shows are always exact (lib/data/movies.ts reads them for the rows
 * it returns).
 */
const staleAfterMs = () => getEnv().DATA_CHECK_SECONDS * 1000;

interface Entry<T> {
  loadedAt: number;
  value: Promise<T>;
  /** The data version read just before the load (a later import makes the two differ: reload). */
  version: Promise<string | null>;
  refreshing: boolean;
}

const caches = new WeakMap<Kysely<DB>, Map<string, Entry<unknown>>>();

function cached<T>(db: Kysely<DB>, key: string, load: () => Promise<T>): Promise<T> {
  let byKey = caches.get(db);
  if (!byKey) caches.set(db, (byKey = new Map()));
  const entry = byKey.get(key) as Entry<T> | undefined;
  const now = Date.now();
  if (!entry) {
    const version = findDataVersion(db);
    const fresh: Entry<T> = { loadedAt: now, value: version.then(() => load()), version, refreshing: false };
    // A failed load is retried on the next call, and so is an empty one: on PostgreSQL a page viewed while the
    // first import's transaction is still open sees no movies, which must not be served for a minute after.
    fresh.value.then(
      (value) => {
        if (isEmpty(value) && byKey.get(key) === fresh) byKey.delete(key);
      },
      () => byKey.delete(key),
    );
    byKey.set(key, fresh);
    return fresh.value;
  }
  if (now - entry.loadedAt > staleAfterMs() && !entry.refreshing) {
    entry.refreshing = true;
    const refresh = async () => {
      const [held, current] = await Promise.all([entry.version, findDataVersion(db)]);
      if (current !== null && current === held) {
        Object.assign(entry, { loadedAt: Date.now(), refreshing: false });
        return;
      }
      const value = await load();
      byKey.set(key, {
        loadedAt: Date.now(),
        value: Promise.resolve(value),
        version: Promise.resolve(current),
        refreshing: false,
      });
    };
    refresh().catch(() => (entry.refreshing = false));
  }
  return entry.value;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && 'ranked' in value && Array.isArray(value.ranked) && value.ranked.length === 0;
}

export interface PopularityIndex {
  /** Rated movie ids, most rated first (ties: higher mean, then lower id). */
  ranked: number[];
  /** Number of ratings per movie id (absent: none). */
  counts: Map<number, number>;
  /**
   * The same count by id (0 for none) from a typed array: the search ranks every title a one-letter keystroke
   * matches (87k at 32M) by it, and as many Map lookups took about 40 % of that search.
   */
  ratingCount: (movieId: number) => number;
}

/**
 * Public statistics (counts, means, "most rated") come from MovieLens ratings only: anonymous visitors cannot push a
 * movie up the public lists or move its average by rating it many times from many profiles (issue 13, item 4).
 * A visitor's ratings shape their own recommendations (folded in at request time) and show on their own profile.
 */
export function fromMovieLens(eb: ExpressionBuilder<DB, 'ratings'>) {
  return eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'ratings.user_id').where('users.kind', '=', 'movielens'));
}

/**
 * The movies by number of MovieLens ratings. Derived from the public statistics, once per data version (one
 * aggregate of every rating: seconds at 32M on PostgreSQL, so never twice, nor every DATA_CHECK_SECONDS); a database
 * with no recorded import (hand-seeded) is aggregated here, refreshed like the other list caches.
 */
export async function getPopularityIndex(db: Kysely<DB>): Promise<PopularityIndex> {
  const stats = await getPublicStats(db);
  if (stats) {
    let index = popularityOfStats.get(stats);
    if (!index) popularityOfStats.set(stats, (index = rankByPopularity(stats.counts, stats.means)));
    return index;
  }
  return cached(db, 'popularity', async () => {
    const { counts, means } = statsOfHistograms(await countAtEachRating(db));
    return rankByPopularity(counts, means);
  });
}

const popularityOfStats = new WeakMap<PublicStats, PopularityIndex>();

function rankByPopularity(counts: Map<number, number>, means: Map<number, number>): PopularityIndex {
  const ranked = [...counts.keys()].sort(
    (a, b) =>
      (counts.get(b) as number) - (counts.get(a) as number) ||
      (means.get(b) ?? 0) - (means.get(a) ?? 0) ||
      a - b,
  );
  let maxId = 0;
  for (const id of ranked) maxId = Math.max(maxId, id);
  const byId = new Int32Array(maxId + 1);
  for (const [id, count] of counts) if (id >= 0) byId[id] = count;
  const ratingCount = (movieId: number) => (movieId >= 0 && movieId <= maxId ? (byId[movieId] as number) : 0);
  return { ranked, counts, ratingCount };
}

/** Every genre with its number of movies, alphabetically. */
export function getGenres(db: Kysely<DB>): Promise<{ genre: string; movieCount: number }[]> {
  return cached(db, 'genres', async () => {
    const result = await sql<{ genre: string; movie_count: number | string }>`
      SELECT genre, count(*) AS movie_count FROM movies, unnest(genres) AS genre GROUP BY genre ORDER BY genre`.execute(db);
    return result.rows.map((row) => ({ genre: row.genre, movieCount: Number(row.movie_count) }));
  });
}

/** A movie as the title search needs it (titles change only with an import). */
export interface TitleEntry {
  id: number;
  title: string;
  /** `title.toLowerCase()`, computed once. */
  lower: string;
  year: number | null;
  genres: string[];
}

/**
 * Every movie's title, year and genres, for matching search text in memory: a LIKE scan of ~10k titles on
 * embedded PGlite costs milliseconds of the one main thread per keystroke.
 */
export function getTitleIndex(db: Kysely<DB>): Promise<TitleEntry[]> {
  return cached(db, 'titles', async () => {
    const rows = await db.selectFrom('movies').select(['id', 'title', 'year', 'genres']).orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, title: row.title, lower: row.title.toLowerCase(), year: row.year, genres: row.genres }));
  });
}

/** Every movie's public rating statistics (MovieLens users only), for one data version. */
export interface PublicStats {
  dataVersion: string;
  counts: Map<number, number>;
  means: Map<number, number>;
  /** Ratings at each of the ten half-star values (RATING_VALUES' order), by movie id; absent: none. */
  histograms: Map<number, Int32Array>;
}

export interface HistogramBin {
  /** 0.5, 1, ..., 5 */
  rating: number;
  count: number;
}

/**
 * Kept on globalThis, like the engine: Next.js bundles instrumentation.ts (where lib/startup warms these) apart from
 * the pages, each with its own copy of this module, and a module-level map left the pages' copy cold (the first
 * start page per worker process waited 9 s for the aggregate at 32M).
 */
type GlobalWithPublicStats = typeof globalThis & {
  __movielensPublicStats?: WeakMap<Kysely<DB>, Promise<PublicStats>>;
};
const publicStats = ((globalThis as GlobalWithPublicStats).__movielensPublicStats ??= new WeakMap());

/**
 * The public count, mean and histogram of every movie, computed once per data version: they come from MovieLens users'
 * ratings only, which change only with an import (and an import changes the data version), so serving them from
 * memory is exact, while counting them per row costs ~100k index probes a page on embedded PGlite. Each call reads
 * the current data version (one indexed row). Null when no import is recorded (a hand-seeded database, e.g. in
 * tests): then callers count in SQL.
 */
export async function getPublicStats(db: Kysely<DB>): Promise<PublicStats | null> {
  const version = await findDataVersion(db);
  if (version === null) return null;
  const held = publicStats.get(db);
  if (held) {
    const stats = await held.catch(() => null);
    if (stats?.dataVersion === version) return stats;
    if (publicStats.get(db) !== held) return getPublicStats(db); // another call is loading the new version
  }
  const loading = (async (): Promise<PublicStats> => ({
    dataVersion: version,
    ...statsOfHistograms(await countAtEachRating(db)),
  }))();
  publicStats.set(db, loading);
  loading.catch(() => {
    if (publicStats.get(db) === loading) publicStats.delete(db);
  });
  return loading;
}

/**
 * Every movie's MovieLens ratings counted at each half-star value: one pass over the ratings (the counts and means
 * follow from these), where a movie page's own GROUP BY took 0.8 s for a blockbuster at 32M (its 157k ratings are
 * scattered over the table, which is ordered by user).
 */
async function countAtEachRating(db: Kysely<DB>): Promise<Map<number, Int32Array>> {
  const rows = await db
    .selectFrom('ratings')
    .select((eb) => [
      'movie_id',
      ...RATING_VALUES.map((value, i) => eb.fn.countAll().filterWhere('rating', '=', value).as(`n${i}`)),
    ])
    .where(fromMovieLens)
    .groupBy('movie_id')
    .execute();
  const flat = new Int32Array(rows.length * RATING_VALUES.length);
  const histograms = new Map<number, Int32Array>();
  rows.forEach((row, r) => {
    const bins = flat.subarray(r * RATING_VALUES.length, (r + 1) * RATING_VALUES.length);
    const counts = row as unknown as Record<string, number | string>;
    for (let i = 0; i < RATING_VALUES.length; i++) bins[i] = Number(counts[`n${i}`]);
    histograms.set(row.movie_id, bins);
  });
  return histograms;
}

function statsOfHistograms(histograms: Map<number, Int32Array>): Omit<PublicStats, 'dataVersion'> {
  const counts = new Map<number, number>();
  const means = new Map<number, number>();
  for (const [movieId, bins] of histograms) {
    let n = 0;
    let sum = 0;
    for (let i = 0; i < bins.length; i++) {
      n += bins[i] as number;
      sum += (bins[i] as number) * (RATING_VALUES[i] as number);
    }
    if (n === 0) continue;
    counts.set(movieId, n);
    means.set(movieId, sum / n);
  }
  return { counts, means, histograms };
}

/**
 * How many MovieLens ratings a movie got at each of the ten half-star values (empty values included, as 0): the
 * distribution behind the count and mean its page shows. From memory once an import is recorded, else in SQL.
 */
export async function getRatingHistogram(db: Kysely<DB>, movieId: number): Promise<HistogramBin[]> {
  const stats = await getPublicStats(db);
  let bins: ArrayLike<number> | undefined;
  if (stats) bins = stats.histograms.get(movieId);
  else {
    const rows = await db
      .selectFrom('ratings')
      .select((eb) => ['rating', eb.fn.countAll().as('n')])
      .where('movie_id', '=', movieId)
      .where(fromMovieLens)
      .groupBy('rating')
      .execute();
    const byValue = new Map(rows.map((row) => [Number(row.rating), Number(row.n)]));
    bins = RATING_VALUES.map((value) => byValue.get(value) ?? 0);
  }
  return RATING_VALUES.map((rating, i) => ({ rating, count: bins?.[i] ?? 0 }));
}
