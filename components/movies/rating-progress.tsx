import Link from 'next/link';

export const ENOUGH_RATINGS = 5;

/** "You have rated N movies", and the way to recommendations once there are enough ratings to go on. */
export function RatingProgress({ count }: { count: number }) {
  const missing = Math.max(0, ENOUGH_RATINGS - count);
  return (
    <div
      className={`alert ${missing === 0 ? 'alert-success' : 'alert-light border'} d-flex flex-wrap align-items-center justify-content-between gap-2 mb-0`}
    >
      <p className="mb-0" aria-live="polite">
        <strong>
          You have rated {count} {count === 1 ? 'movie' : 'movies'}.
        </strong>{' '}
        {missing === 0
          ? 'That is enough for recommendations: rate more to sharpen them.'
          : `Rate ${missing} more to get recommendations.`}
      </p>
      {missing === 0 ? (
        <Link className="btn btn-success" href="/recommendations">
          See your recommendations →
        </Link>
      ) : (
        <div
          className="progress flex-grow-1 rating-progress"
          role="progressbar"
          aria-label="Ratings towards recommendations"
          aria-valuemin={0}
          aria-valuemax={ENOUGH_RATINGS}
          aria-valuenow={count}
        >
          <div className="progress-bar bg-brand" style={{ width: `${(count / ENOUGH_RATINGS) * 100}%` }} />
        </div>
      )}
    </div>
  );
}
