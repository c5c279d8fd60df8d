'use client';

import { useActionState, useState } from 'react';
import { setWatchlist } from '@/lib/actions/movie-marks';
import type { ActionState } from '@/lib/actions/state';
import { displayTitle } from '@/lib/display';

interface WatchlistState extends ActionState {
  /** Whether the movie is on the watchlist as last saved (null: as the page said). */
  onWatchlist: boolean | null;
}

/**
 * "Want to watch" as a toggle button (aria-pressed), posting to the setWatchlist server action: a plain form, so it
 * works before JavaScript loads. The pressed state follows the click at once and falls back if saving fails; the
 * result is announced politely.
 */
export function WatchlistButton({
  movieId,
  title,
  onWatchlist,
  className = '',
}: {
  movieId: number;
  title: string;
  onWatchlist: boolean;
  className?: string;
}) {
  const [state, action, pending] = useActionState(
    async (previous: WatchlistState, form: FormData): Promise<WatchlistState> => {
      const result = await setWatchlist(previous, form);
      return {
        ...result,
        onWatchlist: result.status === 'saved' ? form.get('want') === 'on' : previous.onWatchlist,
      };
    },
    { status: 'idle', message: '', onWatchlist: null },
  );
  // The page's own answer (the prop, fresh after each revalidation) wins over this button's memory of its last
  // save once it changes: rating the movie elsewhere on the page takes it off the watchlist. The memory serves
  // while the prop has not moved since that save (a card the grid holds as first shown).
  const [previousProp, setPreviousProp] = useState(onWatchlist);
  const [stateAtPropChange, setStateAtPropChange] = useState(state);
  if (previousProp !== onWatchlist) {
    setPreviousProp(onWatchlist);
    setStateAtPropChange(state);
  }
  const saved = state !== stateAtPropChange && state.onWatchlist !== null ? state.onWatchlist : onWatchlist;
  // While saving, show the state asked for.
  const pressed = pending ? !saved : saved;
  const name = displayTitle(title);
  return (
    <form action={action} className={`d-inline-flex align-items-center gap-2 flex-wrap ${className}`}>
      <input type="hidden" name="movieId" value={movieId} />
      <input type="hidden" name="want" value={saved ? 'off' : 'on'} />
      <button
        type="submit"
        className={`btn btn-sm ${pressed ? 'btn-success' : 'btn-outline-success'} watchlist-button`}
        aria-pressed={pressed}
        aria-label={`Want to watch ${name}`}
        title={pressed ? 'On your watchlist: press to take it off' : 'Add to your watchlist'}
        // Not `disabled`: that would drop the keyboard focus while saving.
        aria-disabled={pending}
        onClick={(event) => {
          if (pending) event.preventDefault();
        }}
      >
        <span aria-hidden="true">{pressed ? '✓ ' : '+ '}</span>
        Want to watch
      </button>
      <span
        className={`small ${state.status === 'error' ? 'text-danger' : 'text-body-secondary'}`}
        aria-live="polite"
      >
        {pending ? 'Saving…' : state.message}
      </span>
    </form>
  );
}
