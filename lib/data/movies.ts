import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { fromMovieLens, getGenres, getPopularityIndex } from './movie-stats';

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

/**
 * Movies joined with their links and per-movie rating statistics through correlated subqueries: each one is
 * an index lookup on ratings_movie_id_idx, so a filtered list costs work proportional to the rows it returns.
 */
function selectSummaries(db: Kysely<DB>) {
  return db
    .selectFrom('movies')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select([
      'movies.id',
      'movies.title',
      'movies.year',
      'movies.genres',
      'links.imdb_id',
      'links.tmdb_id',
    ])
    .select((eb) => [
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

export async function findMovie(db: Kysely<DB>, id: number): Promise<MovieSummary | null> {
  const row = await selectSummaries(db).where('movies.id', '=', id).executeTakeFirst();
  return row ? toMovieSummary(row) : null;
}

export async function movieExists(db: Kysely<DB>, id: number): Promise<boolean> {
  const row = await db.selectFrom('movies').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Summaries for the given ids, in the order of `ids`; unknown ids are skipped. */
export async function listMoviesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<MovieSummary[]> {
  if (ids.length === 0) return [];
  const rows = await selectSummaries(db).where('movies.id', 'in', [...new Set(ids)]).execute();
  const byId = new Map(rows.map((row) => [row.id, toMovieSummary(row)]));
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
  const { ranked } = await getPopularityIndex(db);
  let ids = ranked;
  if (genre) {
    const rows = await db.selectFrom('movies').select('id').where(sql<boolean>`${genre} = ANY(genres)`).execute();
    const inGenre = new Set(rows.map((row) => row.id));
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
