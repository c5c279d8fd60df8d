import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { RatingHistogram } from '@/components/charts/rating-histogram';
import { displayTitle, formatCount, formatMean, imdbUrl, tmdbUrl } from '@/lib/display';
import { HideMovieButton } from '@/components/movies/hide-movie-button';
import { MovieTags } from '@/components/movies/movie-tags';
import { PredictedRating } from '@/components/movies/predicted-rating';
import { SimilarMovies } from '@/components/movies/similar-movies';
import { WatchlistButton } from '@/components/watchlist/watchlist-button';
import { RatingControl } from '@/components/rating/rating-control';
import { getDatabase } from '@/db/client';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listMovieTags } from '@/lib/data/movies';
import { getRatingHistogram } from '@/lib/data/movie-stats';
import { listUserRatings } from '@/lib/data/ratings';
import { predictedRatingsFor } from '@/lib/recsys/engine';
import { getVisitorId } from '@/lib/session';
import { loadMovie } from './load-movie';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const movie = await loadMovie((await params).id);
  return { title: movie ? displayTitle(movie.title) : 'Movie not found' };
}

export default async function MoviePage({ params }: Props) {
  const movie = await loadMovie((await params).id);
  if (!movie) notFound();
  const { db } = await getDatabase();
  const visitorId = await getVisitorId();
  const [tags, histogram, ratings, hidden, watchlist] = await Promise.all([
    listMovieTags(db, movie.id),
    getRatingHistogram(db, movie.id),
    visitorId === null ? [] : listUserRatings(db, visitorId),
    visitorId === null ? ([] as number[]) : listMarkedMovieIds(db, visitorId, 'hidden'),
    visitorId === null ? ([] as number[]) : listMarkedMovieIds(db, visitorId, 'watchlist'),
  ]);
  const rating = ratings.find((rated) => rated.movieId === movie.id)?.rating ?? null;
  const predicted =
    rating === null
      ? (predictedRatingsFor(
          ratings.map(({ movieId, rating: stars }) => ({ movieId, rating: stars })),
          [movie.id],
        )?.get(movie.id) ?? null)
      : null;
  const name = displayTitle(movie.title);

  return (
    <article className="d-flex flex-column gap-4">
      <header>
        <h1 className="h2 mb-1">
          {name}{' '}
          {movie.year !== null && <span className="text-body-secondary fw-normal">({movie.year})</span>}
        </h1>
        {name !== movie.title.replace(/\s*\(\d{4}\)\s*$/, '') && (
          <p className="text-body-secondary small mb-1">MovieLens title: {movie.title}</p>
        )}
        <p className="mb-2">{movie.genres.join(' · ') || 'No genres listed'}</p>
        <p className="mb-0 d-flex flex-wrap align-items-center gap-2">
          <span>
            <span className="fs-5 fw-semibold">★ {formatMean(movie.meanRating)}</span>
            <span className="text-body-secondary">
              {' '}
              MovieLens average from {formatCount(movie.ratingCount, 'rating', 'ratings')}
            </span>
          </span>
          {predicted !== null && <PredictedRating rating={predicted} className="fs-6" />}
        </p>
      </header>

      <section aria-labelledby="your-rating" className="card">
        <div className="card-body d-flex flex-wrap align-items-center gap-3">
          <h2 id="your-rating" className="h6 mb-0">
            Your rating
          </h2>
          <RatingControl movieId={movie.id} title={movie.title} initialRating={rating} />
          <div className="ms-md-auto d-flex flex-wrap align-items-center gap-2">
            {rating === null && (
              <WatchlistButton
                movieId={movie.id}
                title={movie.title}
                onWatchlist={watchlist.includes(movie.id)}
              />
            )}
            <HideMovieButton movieId={movie.id} title={movie.title} hidden={hidden.includes(movie.id)} />
          </div>
        </div>
      </section>

      <div className="row g-4">
        <section aria-labelledby="ratings-heading" className="col-lg-7">
          <h2 id="ratings-heading" className="h5">
            How MovieLens users rated it
          </h2>
          {movie.ratingCount === 0 ? (
            <p className="text-body-secondary">No ratings yet.</p>
          ) : (
            <RatingHistogram bins={histogram} highlight={rating} />
          )}
        </section>
        <section aria-labelledby="tags-heading" className="col-lg-5">
          <h2 id="tags-heading" className="h5">
            MovieLens tags
          </h2>
          <MovieTags tags={tags} />
          {(movie.imdbId || movie.tmdbId) && (
            <>
              <h2 className="h5 mt-4">Elsewhere</h2>
              <ul className="list-inline mb-0">
                {movie.imdbId && (
                  <li className="list-inline-item">
                    <a
                      className="btn btn-sm btn-outline-secondary"
                      href={imdbUrl(movie.imdbId)}
                      rel="noopener noreferrer"
                      target="_blank"
                    >
                      IMDb <span className="visually-hidden">(opens in a new tab)</span>
                    </a>
                  </li>
                )}
                {movie.tmdbId && (
                  <li className="list-inline-item">
                    <a
                      className="btn btn-sm btn-outline-secondary"
                      href={tmdbUrl(movie.tmdbId)}
                      rel="noopener noreferrer"
                      target="_blank"
                    >
                      TMDB <span className="visually-hidden">(opens in a new tab)</span>
                    </a>
                  </li>
                )}
              </ul>
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="similar-heading">
        <h2 id="similar-heading" className="h5">
          Similar movies
        </h2>
        <Suspense
          fallback={
            <p className="placeholder-glow">
              <span className="placeholder col-8" />
            </p>
          }
        >
          <SimilarMovies movieId={movie.id} />
        </Suspense>
      </section>
    </article>
  );
}
