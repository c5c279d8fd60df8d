import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { MovieSummary } from './movies';

/** The MovieLens ratings a model is fitted on, as parallel typed arrays (what lib/recsys's matrix builder takes). */
export interface TrainingRatings {
  userIds: Int32Array;
  movieIds: Int32Array;
  ratings: Float32Array;
}

/** The version of the MovieLens data in the database: the latest import's content hash, or null before any import. */
export async function findDataVersion(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('dataset_imports')
    .select('data_version')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.data_version ?? null;
}

/**
 * Every rating by a MovieLens user (visitors never enter training: their profiles are folded in at request time),
 * ordered by user then movie. One query that returns three arrays in one row: the drivers parse a 100k-element
 * array far faster than 100k row objects.
 */
export async function loadTrainingRatings(db: Kysely<DB>): Promise<TrainingRatings> {
  const result = await sql<{ user_ids: number[] | null; movie_ids: number[] | null; ratings: number[] | null }>`
    SELECT array_agg(r.user_id ORDER BY r.user_id, r.movie_id) AS user_ids,
           array_agg(r.movie_id ORDER BY r.user_id, r.movie_id) AS movie_ids,
           array_agg(r.rating ORDER BY r.user_id, r.movie_id) AS ratings
    FROM ratings r JOIN users u ON u.id = r.user_id
    WHERE u.kind = 'movielens'`.execute(db);
  const row = result.rows[0];
  return {
    userIds: Int32Array.from(row?.user_ids ?? [], Number),
    movieIds: Int32Array.from(row?.movie_ids ?? [], Number),
    ratings: Float32Array.from(row?.ratings ?? [], Number),
  };
}

/** What the engine keeps in memory about each movie: enough for filters, cards and explanations without a query. */
export type CatalogMovie = Pick<MovieSummary, 'id' | 'title' | 'year' | 'genres' | 'imdbId' | 'tmdbId'>;

/** Every movie with its links, by id. ~10k rows for ml-latest-small: one query at engine start. */
export async function listCatalogMovies(db: Kysely<DB>): Promise<CatalogMovie[]> {
  const rows = await db
    .selectFrom('movies')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select(['movies.id', 'movies.title', 'movies.year', 'movies.genres', 'links.imdb_id', 'links.tmdb_id'])
    .orderBy('movies.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    year: row.year,
    genres: row.genres,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
  }));
}

/** Which of `ids` are movies in the database (for validating API input before the catalog is loaded). */
export async function listExistingMovieIds(db: Kysely<DB>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('movies').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((row) => row.id));
}
