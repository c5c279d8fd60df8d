'use client';

import { useActionState } from 'react';
import { removeRating } from '@/lib/actions/ratings';
import { displayTitle } from '@/lib/display';

/** Removes one of the visitor's ratings (a form on the removeRating action: works before JavaScript loads). */
export function RemoveRatingButton({ movieId, title }: { movieId: number; title: string }) {
  const [state, action, pending] = useActionState(removeRating, { status: 'idle', message: '' });
  return (
    <form action={action} className="d-inline-flex align-items-center gap-2">
      <input type="hidden" name="movieId" value={movieId} />
      <button
        type="submit"
        className="btn btn-sm btn-outline-danger"
        disabled={pending}
        aria-label={`Remove your rating for ${displayTitle(title)}`}
      >
        {pending ? 'Removing…' : 'Remove'}
      </button>
      {state.status === 'error' && (
        <span className="small text-danger" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}
