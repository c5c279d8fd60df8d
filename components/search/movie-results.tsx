import { MovieCard } from '@/components/movies/movie-card';
import { getDatabase } from '@/db/client';
import type { MovieSummary } from '@/lib/data/movies';
import { listUserRatings } from '@/lib/data/ratings';
import { predictedRatingsFor } from '@/lib/recsys/engine';
import { getVisitorId } from '@/lib/session';

/**
 * A page of result cards as the start page shows them: the visitor's rating control on each, and their predicted
 * rating on the movies they have not rated yet (once they have rated enough to have one).
 */
export async function MovieResults({ movies, label }: { movies: MovieSummary[]; label: string }) {
  const { db } = await getDatabase();
  const visitorId = await getVisitorId();
  const ratings = visitorId === null ? [] : await listUserRatings(db, visitorId);
  const byMovie = new Map(ratings.map((rated) => [rated.movieId, rated.rating]));
  const predicted = predictedRatingsFor(
    ratings.map(({ movieId, rating }) => ({ movieId, rating })),
    movies.filter((movie) => !byMovie.has(movie.id)).map((movie) => movie.id),
  );
  return (
    <ul
      className="row row-cols-1 row-cols-sm-2 row-cols-lg-3 row-cols-xl-4 g-3 list-unstyled mb-0"
      aria-label={label}
    >
      {movies.map((movie) => (
        <li className="col" key={movie.id}>
          <MovieCard
            movie={movie}
            rating={byMovie.get(movie.id) ?? null}
            predicted={predicted?.get(movie.id) ?? null}
          />
        </li>
      ))}
    </ul>
  );
}
