'use client';

import { useActionState } from 'react';
import { hideMovie, unhideMovie } from '@/lib/actions/hidden';
import type { ActionState } from '@/lib/actions/state';
import { displayTitle } from '@/lib/display';

/**
 * "Not interested" (or, for a hidden movie, "Undo not interested"): a small form posting to the hideMovie /
 * unhideMovie server actions, so it works before JavaScript loads; the result is announced.
 */
export function HideMovieButton({
  movieId,
  title,
  hidden,
}: {
  movieId: number;
  title: string;
  hidden: boolean;
}) {
  const [state, action, pending] = useActionState(
    (previous: ActionState, form: FormData) =>
      hidden ? unhideMovie(previous, form) : hideMovie(previous, form),
    { status: 'idle', message: '' },
  );
  const name = displayTitle(title);
  return (
    <form action={action} className="d-inline-flex align-items-center gap-2 flex-wrap">
      <input type="hidden" name="movieId" value={movieId} />
      <button
        type="submit"
        className={`btn btn-sm ${hidden ? 'btn-outline-primary' : 'btn-outline-secondary'}`}
        disabled={pending}
        aria-label={hidden ? `Undo not interested in ${name}` : `Not interested in ${name}`}
      >
        {hidden ? 'Undo not interested' : 'Not interested'}
      </button>
      <span
        className={`small ${state.status === 'error' ? 'text-danger' : 'text-body-secondary'}`}
        aria-live="polite"
      >
        {pending ? 'Saving…' : state.status === 'error' ? state.message : ''}
      </span>
    </form>
  );
}
