import Link from 'next/link';
import { engineView, similarMoviesFor } from '@/lib/recsys/engine';
import { displayTitle } from '@/lib/display';

const MIN_RATINGS = 20;

/**
 * Movies closest to this one by their NMF movie factors (cosine). The model trains in the background after the
 * first start: until it is ready the section says so instead of showing nothing.
 */
export function SimilarMovies({ movieId, count = 8 }: { movieId: number; count?: number }) {
  const status = engineView()?.status ?? 'idle';
  // Cosine over factors favours movies with a handful of ratings (their factors are noise); among the nearest,
  // prefer movies enough people rated, and fall back to the raw list when none are.
  const nearest = similarMoviesFor(movieId, count * 8);
  const familiar = nearest.filter(({ movie }) => movie.ratingCount >= MIN_RATINGS);
  const similar = (familiar.length > 0 ? familiar : nearest).slice(0, count);
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
          <span className="badge text-bg-light border" title="Cosine similarity of the NMF movie factors">
            {Math.round(similarity * 100)}% alike
          </span>
        </li>
      ))}
    </ol>
  );
}
