import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { fromMovieLens, getGenres, getPopularityIndex, getPublicStats, getTitleIndex } from './movie-stats';

/** A movie as lists and pages show it: its row, its links and its rating statistics. */
export interface MovieSummary {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
  ratingCount: number;
  /** Mean of the MovieLens users' ratings (visitors' are left out of public statistics); null when none rated it. */
  meanRating: number | null;
}

interface SummaryRow {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  imdb_id: string | null;
  tmdb_id: number | null;
  rating_count: number | string | bigint | null;
  mean_rating: number | string | null;
}

/** The one place movie rows become MovieSummary (count(*) is a string from pg, a number from PGlite). */
function toMovieSummary(row: SummaryRow): MovieSummary {
  const ratingCount = Number(row.rating_count ?? 0);
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    genres: row.genres,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
    ratingCount,
    meanRating: ratingCount > 0 && row.mean_rating !== null ? Number(row.mean_rating) : null,
  };
}

function selectMovies(db: Kysely<DB>) {
  return db
    .selectFrom('movies')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select(['movies.id', 'movies.title', 'movies.year', 'movies.genres', 'links.imdb_id', 'links.tmdb_id']);
}

/**
 * Movies joined with their links and per-movie rating statistics through correlated subqueries: each one is
 * an index lookup on ratings_movie_id_idx, so a filtered list costs work proportional to the rows it returns
 * (the fallback when no import is recorded, see getPublicStats).
 */
function selectSummaries(db: Kysely<DB>) {
  return selectMovies(db).select((eb) => [
      eb
        .selectFrom('ratings')
        .select((inner) => inner.fn.countAll().as('n'))
        .whereRef('ratings.movie_id', '=', 'movies.id')
        .where(fromMovieLens)
        .as('rating_count'),
      eb
        .selectFrom('ratings')
        .select((inner) => inner.fn.avg('ratings.rating').as('m'))
        .whereRef('ratings.movie_id', '=', 'movies.id')
        .where(fromMovieLens)
        .as('mean_rating'),
    ]);
}

/** Summaries of these movies (any order): their rows, plus statistics from memory per data version when known. */
async function readSummaries(db: Kysely<DB>, ids: readonly number[]): Promise<MovieSummary[]> {
  const stats = await getPublicStats(db);
  if (!stats) return (await selectSummaries(db).where('movies.id', 'in', ids).execute()).map(toMovieSummary);
  const rows = await selectMovies(db).where('movies.id', 'in', ids).execute();
  return rows.map((row) =>
    toMovieSummary({ ...row, rating_count: stats.counts.get(row.id) ?? 0, mean_rating: stats.means.get(row.id) ?? null }),
  );
}

export async function findMovie(db: Kysely<DB>, id: number): Promise<MovieSummary | null> {
  return (await readSummaries(db, [id]))[0] ?? null;
}

export async function movieExists(db: Kysely<DB>, id: number): Promise<boolean> {
  const row = await db.selectFrom('movies').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Summaries for the given ids, in the order of `ids`; unknown ids are skipped. */
export async function listMoviesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<MovieSummary[]> {
  if (ids.length === 0) return [];
  const summaries = await readSummaries(db, [...new Set(ids)]);
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface PopularMoviesOptions {
  /** Only movies of this MovieLens genre (e.g. "Comedy"). */
  genre?: string;
  limit?: number;
}

/** The most-rated movies (ties: higher mean first), optionally of one genre. Order from the popularity cache. */
export async function listPopularMovies(db: Kysely<DB>, options: PopularMoviesOptions = {}): Promise<MovieSummary[]> {
  const { genre, limit = 24 } = options;
  const [{ ranked }, titles] = await Promise.all([getPopularityIndex(db), genre ? getTitleIndex(db) : []]);
  let ids = ranked;
  if (genre) {
    // The genres from the title index (per import) rather than a scan of every movie row per page view.
    const inGenre = new Set(titles.filter((entry) => entry.genres.includes(genre)).map((entry) => entry.id));
    ids = ranked.filter((id) => inGenre.has(id));
  }
  return listMoviesByIds(db, ids.slice(0, limit));
}

/** Every genre with its number of movies, alphabetically (cached: genres change only with an import). */
export function listGenres(db: Kysely<DB>): Promise<{ genre: string; movieCount: number }[]> {
  return getGenres(db);
}

/** A movie's MovieLens tags, most used first. Plain text: render it as text, never as HTML. */
export async function listMovieTags(db: Kysely<DB>, movieId: number, limit = 30): Promise<{ tag: string; count: number }[]> {
  const rows = await db
    .selectFrom('tags')
    .select((eb) => ['tag', eb.fn.countAll().as('n')])
    .where('movie_id', '=', movieId)
    .groupBy('tag')
    .orderBy('n', 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ tag: row.tag, count: Number(row.n) }));
}
