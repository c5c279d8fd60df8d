import Link from 'next/link';
import type { MovieSummary } from '@/lib/data/movies';
import { RatingControl } from '@/components/rating/rating-control';
import { PredictedRating } from './predicted-rating';
import { displayTitle, formatCount, formatMean } from '@/lib/display';

/**
 * A movie in a grid: title, year, genres, what others thought, the visitor's predicted rating (once they have rated
 * enough movies to have one) and their own rating control.
 */
export function MovieCard({
  movie,
  rating,
  predicted = null,
}: {
  movie: MovieSummary;
  rating: number | null;
  predicted?: number | null;
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
        </div>
      </div>
    </article>
  );
}
