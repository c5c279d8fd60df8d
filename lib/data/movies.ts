import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** A movie as lists and pages show it: its row, its links and its rating statistics. */
export interface MovieSummary {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
  ratingCount: number;
  /** Mean of all ratings (MovieLens users and visitors); null when nobody rated it. */
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
        .as('rating_count'),
      eb
        .selectFrom('ratings')
        .select((inner) => inner.fn.avg('ratings.rating').as('m'))
        .whereRef('ratings.movie_id', '=', 'movies.id')
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

/** The most-rated movies (ties: higher mean first, then title), optionally of one genre. */
export async function listPopularMovies(db: Kysely<DB>, options: PopularMoviesOptions = {}): Promise<MovieSummary[]> {
  const { genre, limit = 24 } = options;
  const stats = db
    .selectFrom('ratings')
    .select((eb) => ['movie_id', eb.fn.countAll().as('rating_count'), eb.fn.avg('rating').as('mean_rating')])
    .groupBy('movie_id')
    .as('stats');
  let query = db
    .selectFrom('movies')
    .innerJoin(stats, 'stats.movie_id', 'movies.id')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select([
      'movies.id',
      'movies.title',
      'movies.year',
      'movies.genres',
      'links.imdb_id',
      'links.tmdb_id',
      'stats.rating_count',
      'stats.mean_rating',
    ]);
  if (genre) query = query.where(sql<boolean>`${genre} = ANY(movies.genres)`);
  const rows = await query
    .orderBy('stats.rating_count', 'desc')
    .orderBy('stats.mean_rating', 'desc')
    .orderBy('movies.title')
    .limit(limit)
    .execute();
  return rows.map(toMovieSummary);
}

/** Every genre with its number of movies, alphabetically. */
export async function listGenres(db: Kysely<DB>): Promise<{ genre: string; movieCount: number }[]> {
  const result = await sql<{ genre: string; movie_count: number | string }>`
    SELECT genre, count(*) AS movie_count FROM movies, unnest(genres) AS genre GROUP BY genre ORDER BY genre`.execute(db);
  return result.rows.map((row) => ({ genre: row.genre, movieCount: Number(row.movie_count) }));
}

export async function countMovies(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('movies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
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

/** Escape LIKE's wildcards (and its escape character) so that user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

// MovieLens moves a leading article to the end: "Matrix, The (1999)", "Haine, La (1995)".
const MOVED_ARTICLES = /^(the|a|an|la|le|les|il|el|der|die|das) (.+)$/;

/**
 * Case-insensitive substring search over titles. Ranked: titles starting with the text first, then titles with
 * a word starting with it, then any other match; within a rank, the most rated first. "the matrix" also finds
 * "Matrix, The (1999)". The text travels as a parameter; LIKE wildcards in it are escaped.
 */
export async function searchMovies(db: Kysely<DB>, text: string, limit = 10): Promise<MovieSummary[]> {
  const needle = text.trim().toLowerCase().replace(/\s+/g, ' ');
  // PostgreSQL text cannot hold NUL (the server refuses it in a parameter), so no title contains one.
  if (needle === '' || needle.includes('\u0000')) return [];
  const escaped = escapeLike(needle);
  const moved = MOVED_ARTICLES.exec(needle);
  const title = sql<string>`lower(movies.title)`;
  const like = (pattern: string) => sql<boolean>`${title} LIKE ${pattern} ESCAPE '\\'`;
  // "the matrix" -> "matrix, the": the rest, then the article after a comma, anywhere later in the title.
  const movedPattern = moved ? `${escapeLike(moved[2] ?? '')}%, ${moved[1] ?? ''}%` : null;
  const matches = movedPattern ? sql<boolean>`(${like(`%${escaped}%`)} OR ${like(`%${movedPattern}`)})` : like(`%${escaped}%`);
  const prefix = movedPattern
    ? sql<boolean>`(${like(`${escaped}%`)} OR ${like(movedPattern)})`
    : like(`${escaped}%`);
  const rows = await selectSummaries(db)
    .select(sql<number>`CASE WHEN ${prefix} THEN 0 WHEN ${like(`% ${escaped}%`)} THEN 1 ELSE 2 END`.as('match_rank'))
    .where(matches)
    .orderBy('match_rank')
    .orderBy('rating_count', 'desc')
    .orderBy('movies.title')
    .limit(limit)
    .execute();
  return rows.map(toMovieSummary);
}
