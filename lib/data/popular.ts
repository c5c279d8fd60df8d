import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { MovieSummary } from './movies';
import { resolveMovieFilter, type MovieFilter } from '@/lib/movie-filter';

/** A movie summary (its MovieLens users' ratings only) keyed as recommendations are. */
export interface PopularMovieRow extends Omit<MovieSummary, 'id' | 'meanRating'> {
  movieId: number;
  meanRating: number;
  /** The mean pulled towards the global mean by `damping` pseudo-ratings: a sober rating estimate. */
  dampedMean: number;
}

/**
 * The most rated movies straight from SQL (MovieLens users only), ranked as lib/recsys's popular model ranks
 * them (by count): the fallback while no model is in memory (engine starting, training, failed).
 */
export async function listPopularMovies(
  db: Kysely<DB>,
  { n, exclude = [], filter = {}, damping = 10 }: { n: number; exclude?: readonly number[]; filter?: MovieFilter; damping?: number },
): Promise<PopularMovieRow[]> {
  const { genre, yearFrom, yearTo, minRatings } = resolveMovieFilter(filter);
  const excluded = exclude.length > 0 ? exclude.map(Number) : [-1];
  const result = await sql<{
    movie_id: number; title: string; year: number | null; genres: string[]; imdb_id: string | null; tmdb_id: number | null;
    n: number | string; mean: number | string; damped: number | string;
  }>`
    WITH stats AS (
      SELECT r.movie_id, count(*) AS n, avg(r.rating) AS mean, sum(r.rating) AS total
      FROM ratings r JOIN users u ON u.id = r.user_id
      WHERE u.kind = 'movielens'
      GROUP BY r.movie_id
    ), global AS (SELECT coalesce(sum(total) / nullif(sum(n), 0), 3.5) AS mean FROM stats)
    SELECT s.movie_id, m.title, m.year, m.genres, l.imdb_id, l.tmdb_id, s.n, s.mean,
           (s.total + ${damping} * g.mean) / (s.n + ${damping}) AS damped
    FROM stats s CROSS JOIN global g
    JOIN movies m ON m.id = s.movie_id
    LEFT JOIN links l ON l.movie_id = s.movie_id
    WHERE s.n >= ${minRatings}
      AND s.movie_id <> ALL(${excluded}::int[])
      AND (${genre}::text IS NULL OR ${genre}::text = ANY(m.genres))
      AND (${yearFrom}::int IS NULL OR m.year >= ${yearFrom}::int)
      AND (${yearTo}::int IS NULL OR m.year <= ${yearTo}::int)
    ORDER BY s.n DESC, damped DESC, s.movie_id
    LIMIT ${n}`.execute(db);
  return result.rows.map((row) => ({
    movieId: Number(row.movie_id),
    title: row.title,
    year: row.year,
    genres: row.genres,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
    ratingCount: Number(row.n),
    meanRating: Number(row.mean),
    dampedMean: Number(row.damped),
  }));
}
