'use client';

import { useActionState, useState } from 'react';
import {
  createShareCodeAction,
  listShareableRatingsAction,
  type ShareableRating,
} from '@/lib/actions/share-codes';
import { idleState } from '@/lib/actions/state';

/**
 * Create a share code: how long it works, the lowest rating to share, and movies to leave out. The movies to leave
 * out are loaded when the visitor opens that list (all their ratings: up to the whole catalogue), not with the page.
 */
export function ShareCodeForm({
  ratedCount,
  days,
  minRatings,
}: {
  ratedCount: number;
  days: readonly number[];
  minRatings: readonly number[];
}) {
  const [state, action, pending] = useActionState(createShareCodeAction, idleState);
  const [ratings, setRatings] = useState<ShareableRating[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [loading, setLoading] = useState(false);

  function loadRatings() {
    if (ratings !== null || loading) return;
    setLoading(true);
    setLoadError(false);
    listShareableRatingsAction(idleState, new FormData()).then(
      (loaded) => {
        setRatings(loaded);
        setLoading(false);
      },
      () => {
        setLoadError(true);
        setLoading(false);
      },
    );
  }

  return (
    <form action={action} className="d-flex flex-column gap-3" aria-describedby="share-status">
      <div className="d-flex flex-wrap gap-3">
        <div>
          <label htmlFor="share-days" className="form-label">
            Works for
          </label>
          <select id="share-days" name="days" className="form-select" defaultValue="7">
            {days.map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? 'day' : 'days'}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="share-min" className="form-label">
            Share
          </label>
          <select id="share-min" name="minRating" className="form-select" defaultValue="">
            <option value="">all my ratings</option>
            {minRatings.map((r) => (
              <option key={r} value={r}>
                only ratings of {r}★ or more
              </option>
            ))}
          </select>
        </div>
      </div>
      <details onToggle={(event) => event.currentTarget.open && loadRatings()}>
        <summary>Leave out some movies ({ratedCount} rated)</summary>
        {ratings === null && (
          <p className="mt-2 mb-0 small text-body-secondary" role="status">
            {loadError ? (
              <>
                Could not load your rated movies.{' '}
                <button
                  type="button"
                  className="btn btn-link btn-sm p-0 align-baseline"
                  onClick={loadRatings}
                >
                  Try again
                </button>
              </>
            ) : (
              'Loading your rated movies…'
            )}
          </p>
        )}
        {ratings !== null && (
          <fieldset className="mt-2" style={{ maxHeight: '16rem', overflowY: 'auto' }}>
            <legend className="visually-hidden">Movies to leave out of the share code</legend>
            {ratings.map((r) => (
              <div className="form-check" key={r.movieId}>
                <input
                  className="form-check-input"
                  type="checkbox"
                  name="leaveOut"
                  value={r.movieId}
                  id={`leave-out-${r.movieId}`}
                />
                <label className="form-check-label" htmlFor={`leave-out-${r.movieId}`}>
                  Leave out {r.label} <span className="text-body-secondary">({r.stars})</span>
                </label>
              </div>
            ))}
          </fieldset>
        )}
      </details>
      <div>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create a share code'}
        </button>
      </div>
      <p
        id="share-status"
        role="status"
        className={`mb-0 ${state.status === 'error' ? 'text-danger' : state.status === 'saved' ? 'text-success fw-semibold' : ''}`}
      >
        {state.message}
      </p>
    </form>
  );
}
