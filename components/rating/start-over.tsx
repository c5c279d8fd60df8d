'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { startOver } from '@/lib/actions/profile';
import type { ActionState } from '@/lib/actions/state';

/** "Start over" with a confirmation step: deletes the visitor's ratings and hidden movies (the whole profile). */
export function StartOver({ ratingCount, hiddenCount }: { ratingCount: number; hiddenCount: number }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(
    async (previous: ActionState, form: FormData): Promise<ActionState> => {
      const result = await startOver(previous, form);
      setConfirming(false);
      return result;
    },
    { status: 'idle', message: '' },
  );
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const what = [
    ratingCount > 0 && `your ${ratingCount} ${ratingCount === 1 ? 'rating' : 'ratings'}`,
    hiddenCount > 0 && `${hiddenCount} hidden ${hiddenCount === 1 ? 'movie' : 'movies'}`,
  ]
    .filter(Boolean)
    .join(' and ');

  return (
    <div>
      {confirming ? (
        <form
          action={action}
          className="alert alert-danger mb-0"
          role="alertdialog"
          aria-labelledby="start-over-question"
        >
          <p id="start-over-question" className="mb-2">
            Delete {what || 'your profile'}? This cannot be undone.
          </p>
          <div className="d-flex flex-wrap gap-2">
            <button ref={confirmButton} type="submit" className="btn btn-danger" disabled={pending}>
              {pending ? 'Deleting…' : 'Yes, delete everything'}
            </button>
            <button
              type="button"
              className="btn btn-outline-secondary"
              onClick={() => setConfirming(false)}
              disabled={pending}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
          Start over…
        </button>
      )}
      <p
        className={`small mt-2 mb-0 ${state.status === 'error' ? 'text-danger' : 'text-body-secondary'}`}
        aria-live="polite"
      >
        {state.message}
      </p>
    </div>
  );
}
