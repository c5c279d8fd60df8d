import Link from 'next/link';
import { displayTitle } from '@/lib/display';

export interface UserFavouritesProps {
  userId: number;
  movies: { movieId: number; title: string; year: number | null; rating: number }[];
  similarity: number | null;
  shared: number | null;
}

/** What one MovieLens user rated highest (the panel beside the heat map). */
export function UserFavourites({ userId, movies, similarity, shared }: UserFavouritesProps) {
  return (
    <section className="card" aria-labelledby="favourites-heading" data-testid="user-favourites">
      <div className="card-body">
        <h2 id="favourites-heading" className="h5">
          User {userId} rated highest
        </h2>
        {similarity !== null && (
          <p className="small text-body-secondary">
            Similarity to you {similarity.toFixed(2)}
            {shared !== null && ` · ${shared} movie${shared === 1 ? '' : 's'} you both rated`}
          </p>
        )}
        <ol className="list-group list-group-numbered list-group-flush">
          {movies.map((movie) => (
            <li
              className="list-group-item d-flex justify-content-between align-items-start gap-2 px-0"
              key={movie.movieId}
            >
              <span className="me-auto">
                <Link href={`/movies/${movie.movieId}`}>{displayTitle(movie.title)}</Link>
                {movie.year !== null && <span className="text-body-secondary small ms-1">{movie.year}</span>}
              </span>
              <span className="badge text-bg-primary">{movie.rating}★</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
