import Link from 'next/link';
import { engineView, similarMoviesFor } from '@/lib/recsys/engine';
import { displayTitle } from '@/lib/display';

/**
 * Movies people liked together with this one (the item–item model of taste). The model trains in the background
 * after the first start: until it is ready the section says so instead of showing nothing.
 */
export function SimilarMovies({ movieId, count = 8 }: { movieId: number; count?: number }) {
  const status = engineView()?.status ?? 'idle';
  const similar = similarMoviesFor(movieId, count);
  if (similar.length === 0) {
    const notice =
      status === 'ready'
        ? 'No similar movies: too few people rated this one for the model to place it.'
        : status === 'failed'
          ? 'Similar movies are not available right now: the model could not be trained.'
          : 'The recommendation model is still training. Similar movies will appear here in a minute or two.';
    return (
      <p className="text-body-secondary mb-0" role="status">
        {notice}
      </p>
    );
  }
  return (
    <ol className="list-group list-group-numbered">
      {similar.map(({ movie, similarity }) => (
        <li key={movie.id} className="list-group-item d-flex justify-content-between align-items-start gap-2">
          <span className="me-auto">
            <Link href={`/movies/${movie.id}`}>{displayTitle(movie.title)}</Link>{' '}
            {movie.year !== null && <span className="text-body-secondary">({movie.year})</span>}
          </span>
          <span
            className="badge text-bg-light border"
            title="How strongly liking one movie goes with liking the other: the correlation of 'liked it' (3.5★ or more) among MovieLens users, 0 to 1"
          >
            {similarity.toFixed(2)}
            <span className="visually-hidden"> similarity</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
