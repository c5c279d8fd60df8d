import Link from 'next/link';
import type { MovieSummary } from '@/lib/data/movies';
import { RatingControl } from '@/components/rating/rating-control';
import { RemoveRatingButton } from '@/components/rating/remove-rating-button';
import { displayTitle } from '@/lib/display';

/** The visitor's rated movies: title, year, their rating (editable in place) and a remove button. */
export function RatedMovieList({ items }: { items: { movie: MovieSummary; rating: number }[] }) {
  return (
    <ul className="list-group" aria-label="Movies you rated">
      {items.map(({ movie, rating }) => (
        <li key={movie.id} className="list-group-item d-flex flex-wrap align-items-center gap-2 rated-movie">
          <div className="me-auto rated-movie-title">
            <Link href={`/movies/${movie.id}`} className="fw-semibold">
              {displayTitle(movie.title)}
            </Link>{' '}
            {movie.year !== null && <span className="text-body-secondary">({movie.year})</span>}
            <div className="small text-body-secondary">{movie.genres.slice(0, 3).join(' · ')}</div>
          </div>
          <RatingControl movieId={movie.id} title={movie.title} initialRating={rating} />
          <RemoveRatingButton movieId={movie.id} title={movie.title} />
        </li>
      ))}
    </ul>
  );
}
