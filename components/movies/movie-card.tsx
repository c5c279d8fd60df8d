import Link from 'next/link';
import type { ReactNode } from 'react';
import type { MovieSummary } from '@/lib/data/movies';
import { RatingControl } from '@/components/rating/rating-control';
import { WatchlistButton } from '@/components/watchlist/watchlist-button';
import { PredictedRating } from './predicted-rating';
import { displayTitle, formatCount, formatMean } from '@/lib/display';

/**
 * A movie in a grid: title, year, genres, what others thought, the visitor's predicted rating (once they have rated
 * enough movies to have one), their own rating control, the watchlist toggle (when `watchlisted` is given) and any
 * further `actions` of the list it is in.
 */
export function MovieCard({
  movie,
  rating,
  predicted = null,
  watchlisted,
  actions,
}: {
  movie: MovieSummary;
  rating: number | null;
  predicted?: number | null;
  /** Whether the movie is on the visitor's watchlist; undefined: no watchlist toggle. */
  watchlisted?: boolean;
  actions?: ReactNode;
}) {
  return (
    <article className="card h-100 movie-card">
      <div className="card-body d-flex flex-column gap-1">
        <h3 className="h6 card-title mb-0">
          <Link href={`/movies/${movie.id}`} className="text-decoration-none">
            {displayTitle(movie.title)}
          </Link>{' '}
          {movie.year !== null && <span className="text-body-secondary fw-normal">({movie.year})</span>}
        </h3>
        <p className="small text-body-secondary mb-1">
          {movie.genres.slice(0, 3).join(' · ') || 'No genres listed'}
        </p>
        <p className="small mb-2 d-flex flex-wrap align-items-center gap-2">
          <span>
            <span aria-label={`Average rating ${formatMean(movie.meanRating)} out of 5`}>
              ★ {formatMean(movie.meanRating)}
            </span>
            <span className="text-body-secondary">
              {' '}
              average · {formatCount(movie.ratingCount, 'rating', 'ratings')}
            </span>
          </span>
          {predicted !== null && <PredictedRating rating={predicted} />}
        </p>
        <div className="mt-auto">
          <RatingControl movieId={movie.id} title={movie.title} initialRating={rating} />
          {(watchlisted !== undefined || actions) && (
            <div className="d-flex flex-wrap align-items-center gap-2 mt-2">
              {watchlisted !== undefined && (
                <WatchlistButton movieId={movie.id} title={movie.title} onWatchlist={watchlisted} />
              )}
              {actions}
            </div>
          )}
        </div>
      </div>
    </article>
  );
}
