import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { GenrePills } from '@/components/movies/genre-pills';
import { MovieGridSkeleton } from '@/components/movies/movie-grid-skeleton';
import { RatingProgress } from '@/components/movies/rating-progress';
import { DecadePills } from '@/components/rate-more/decade-pills';
import { RateMoreGrid } from '@/components/rate-more/rate-more-grid';
import { MovieSearch } from '@/components/search/movie-search';
import { getDatabase } from '@/db/client';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listGenres } from '@/lib/data/movies';
import { listDecades, listMoviesToRate } from '@/lib/data/movies-to-rate';
import { listUserRatings } from '@/lib/data/ratings';
import { predictedRatingsFor } from '@/lib/recsys/engine';
import { formatCount } from '@/lib/display';
import { getVisitorId } from '@/lib/session';
import { decadeLabel, parseStartPageQuery, RATE_PAGE_SIZE, startPageHref } from './start-page-query';

export const metadata: Metadata = { title: 'Rate movies' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Start page: search, then the most-rated movies to rate quickly, by genre and decade, 24 at a time, leaving out
 * what the visitor rated or has not seen. The data part streams in
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
  const { db } = await getDatabase();
  const [genreRows, decadeRows, visitorId] = await Promise.all([
    listGenres(db),
    listDecades(db),
    getVisitorId(),
  ]);
  const genres = genreRows.map((g) => g.genre);
  const decades = decadeRows.map((d) => d.decade);
  const query = parseStartPageQuery(await searchParams, { genres, decades });
  const { genre, decade } = query;
  const [ratings, watchlist, skipped] =
    visitorId === null
      ? [[], [], []]
      : await Promise.all([
          listUserRatings(db, visitorId),
          listMarkedMovieIds(db, visitorId, 'watchlist'),
          listMarkedMovieIds(db, visitorId, 'unseen'),
        ]);
  const byMovie: Record<number, number> = Object.fromEntries(ratings.map((r) => [r.movieId, r.rating]));
  const page = await listMoviesToRate(db, {
    genre,
    decade,
    start: query.start,
    limit: RATE_PAGE_SIZE,
    rated: new Set(ratings.map((r) => r.movieId)),
    skipped: new Set(skipped),
  });
  const predicted = predictedRatingsFor(
    ratings.map(({ movieId, rating }) => ({ movieId, rating })),
    page.movies.map((movie) => movie.id),
  );
  const onWatchlist = new Set(watchlist);
  const heading = `Most-rated ${genre ? `${genre} ` : ''}movies${decade === null ? '' : ` of the ${decadeLabel(decade)}`}`;

  return (
    <>
      <RatingProgress count={ratings.length} />
      <MovieSearch ratings={byMovie} />
      <section aria-labelledby="popular-heading" className="d-flex flex-column gap-3">
        <h2 id="popular-heading" className="h4 mb-0">
          {heading}
        </h2>
        {genres.length > 0 && (
          <GenrePills genres={genres} current={genre} hrefFor={(g) => startPageHref({ genre: g, decade })} />
        )}
        {decades.length > 0 && (
          <DecadePills
            decades={decades}
            current={decade}
            hrefFor={(d) => startPageHref({ genre, decade: d })}
          />
        )}
        <LeftOut ratedCount={page.ratedCount} skippedCount={page.skippedCount} />
        {page.matching === 0 && genres.length === 0 ? (
          <div className="alert alert-info" role="status">
            <h3 className="h6">No movies yet</h3>
            The MovieLens data is not in the database yet. It is imported on the first start (or run{' '}
            <code>npm run db:import</code>); reload this page in a minute.
          </div>
        ) : (
          <RateMoreGrid
            key={startPageHref(query)}
            items={page.movies.map((movie) => ({
              movie,
              rating: byMovie[movie.id] ?? null,
              predicted: predicted?.get(movie.id) ?? null,
              watchlisted: onWatchlist.has(movie.id),
            }))}
            ratings={byMovie}
            pageSize={RATE_PAGE_SIZE}
            previousHref={
              page.previousStart === null ? null : startPageHref({ genre, decade, start: page.previousStart })
            }
            nextHref={
              page.nextStart === null ? null : startPageHref({ genre, decade, start: page.nextStart })
            }
            firstHref={page.previousStart ? startPageHref({ genre, decade }) : null}
          />
        )}
      </section>
    </>
  );
}

/** How many movies of this list the visitor already rated or skipped (they are left out of every page). */
function LeftOut({ ratedCount, skippedCount }: { ratedCount: number; skippedCount: number }) {
  if (ratedCount === 0 && skippedCount === 0) return null;
  const parts = [
    ratedCount > 0 && formatCount(ratedCount, 'movie you rated', 'movies you rated'),
    skippedCount > 0 && formatCount(skippedCount, 'movie you have not seen', 'movies you have not seen'),
  ].filter(Boolean);
  return (
    <p className="small text-body-secondary mb-0" role="status">
      Hidden from this list: {parts.join(' and ')}.{' '}
      {skippedCount > 0 && <Link href="/profile#skipped-heading">Review skipped movies</Link>}
    </p>
  );
}
