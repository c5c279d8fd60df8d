import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { GenrePills } from '@/components/movies/genre-pills';
import { MovieCard } from '@/components/movies/movie-card';
import { MovieGridSkeleton } from '@/components/movies/movie-grid-skeleton';
import { RatingProgress } from '@/components/movies/rating-progress';
import { MovieSearch } from '@/components/search/movie-search';
import { getDatabase } from '@/db/client';
import { listGenres, listPopularMovies } from '@/lib/data/movies';
import { listUserRatings } from '@/lib/data/ratings';
import { predictedRatingsFor } from '@/lib/recsys/engine';
import { getVisitorId } from '@/lib/session';

export const metadata: Metadata = { title: 'Rate movies' };

type SearchParams = Promise<{ genre?: string | string[] }>;

/**
 * Start page: search, then a grid of the most-rated movies (by genre) to rate quickly. The data part streams in
 * behind a skeleton. (A Suspense here rather than app/loading.tsx: a root loading boundary would wrap every route
 * and turn their notFound() into HTTP 200.)
 */
export default function HomePage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="d-flex flex-column gap-4">
      <header>
        <h1 className="h2">Rate movies you have seen</h1>
        <p className="lead mb-0">
          Give a few movies stars and we will recommend others you are likely to enjoy. No sign-up: your
          ratings are kept for this browser.
        </p>
        <p className="mt-2 mb-0">
          Rated movies elsewhere? <Link href="/import">Import your ratings</Link> from MovieLens.org, IMDb or
          Letterboxd.
        </p>
      </header>
      <Suspense fallback={<MovieGridSkeleton />}>
        <RateMovies searchParams={searchParams} />
      </Suspense>
    </div>
  );
}

async function RateMovies({ searchParams }: { searchParams: SearchParams }) {
  const { genre: genreParam } = await searchParams;
  const { db } = await getDatabase();
  const [genres, visitorId] = await Promise.all([listGenres(db), getVisitorId()]);
  const genre =
    typeof genreParam === 'string' && genres.some((g) => g.genre === genreParam) ? genreParam : null;
  const [movies, ratings] = await Promise.all([
    listPopularMovies(db, { genre: genre ?? undefined, limit: 24 }),
    visitorId === null ? [] : listUserRatings(db, visitorId),
  ]);
  const byMovie: Record<number, number> = Object.fromEntries(ratings.map((r) => [r.movieId, r.rating]));
  const predicted = predictedRatingsFor(
    ratings.map(({ movieId, rating }) => ({ movieId, rating })),
    movies.filter((movie) => byMovie[movie.id] === undefined).map((movie) => movie.id),
  );

  return (
    <>
      <RatingProgress count={ratings.length} />
      <MovieSearch ratings={byMovie} />
      <section aria-labelledby="popular-heading" className="d-flex flex-column gap-3">
        <h2 id="popular-heading" className="h4 mb-0">
          {genre ? `Most-rated ${genre} movies` : 'Most-rated movies'}
        </h2>
        {genres.length > 0 && <GenrePills genres={genres.map((g) => g.genre)} current={genre} />}
        {movies.length === 0 ? (
          <div className="alert alert-info" role="status">
            <h3 className="h6">No movies yet</h3>
            The MovieLens data is not in the database yet. It is imported on the first start (or run{' '}
            <code>npm run db:import</code>); reload this page in a minute.
          </div>
        ) : (
          <ul className="row row-cols-1 row-cols-sm-2 row-cols-lg-3 row-cols-xl-4 g-3 list-unstyled mb-0">
            {movies.map((movie) => (
              <li className="col" key={movie.id}>
                <MovieCard
                  movie={movie}
                  rating={byMovie[movie.id] ?? null}
                  predicted={predicted?.get(movie.id) ?? null}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
