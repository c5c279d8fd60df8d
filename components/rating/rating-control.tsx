'use client';

import {
  startTransition,
  useActionState,
  useId,
  useOptimistic,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { rateMovie, removeRating } from '@/lib/actions/ratings';
import type { ActionState } from '@/lib/actions/state';
import { displayTitle, spokenStars } from '@/lib/display';
import { RATING_VALUES } from '@/lib/rating-scale';

export interface RatingControlProps {
  movieId: number;
  /** The MovieLens title; labels read "Rate Toy Story 4.5 stars". */
  title: string;
  /** The visitor's current rating, or null. */
  initialRating: number | null;
}

/**
 * Half-star rating, 0.5 to 5, saved through the rateMovie server action as soon as it is given.
 * A radiogroup of ten half stars: mouse (with hover preview) and touch pick a half; the keyboard moves with the
 * arrow keys, Home and End, and clears with Delete or Backspace (also the × button). The shown rating changes at
 * once and falls back to the stored one if saving fails; the status is announced politely.
 * Kept light because a page shows dozens: the star is drawn by CSS (globals.css), not an SVG per button, and the
 * group listens for clicks and hovers once instead of each button holding its own handlers.
 */
export function RatingControl({ movieId, title, initialRating }: RatingControlProps) {
  const name = displayTitle(title);
  const [state, dispatch, pending] = useActionState(
    async (previous: ActionState, next: number | null): Promise<ActionState> => {
      const form = new FormData();
      form.set('movieId', String(movieId));
      if (next !== null) form.set('rating', String(next));
      const result = await (next === null ? removeRating(previous, form) : rateMovie(previous, form));
      // On failure keep showing what is stored.
      return result.status === 'error' ? { ...result, rating: previous.rating ?? null } : result;
    },
    { status: 'idle', message: '', rating: initialRating },
  );
  const stored = state.status === 'idle' ? initialRating : (state.rating ?? null);
  const [rating, setOptimisticRating] = useOptimistic(stored);
  const [preview, setPreview] = useState<number | null>(null);
  const group = useRef<HTMLDivElement>(null);
  const statusId = useId();

  function choose(next: number | null) {
    startTransition(() => {
      setOptimisticRating(next);
      dispatch(next);
    });
  }

  function valueOf(target: EventTarget): number | null {
    const value =
      target instanceof HTMLElement ? target.closest<HTMLElement>('[data-value]')?.dataset.value : undefined;
    return value === undefined ? null : Number(value);
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const value = valueOf(event.target);
    if (value === null) return;
    setPreview(null);
    if (value !== rating) choose(value);
  }

  function onMouseOver(event: MouseEvent<HTMLDivElement>) {
    const value = valueOf(event.target);
    if (value !== null && value !== preview) setPreview(value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const focused = Number((event.target as HTMLElement).dataset.value ?? rating ?? 0.5);
    const moves: Record<string, number> = {
      ArrowRight: focused + 0.5,
      ArrowUp: focused + 0.5,
      ArrowLeft: focused - 0.5,
      ArrowDown: focused - 0.5,
      Home: 0.5,
      End: 5,
    };
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (rating !== null) choose(null);
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.min(5, Math.max(0.5, target));
    group.current?.querySelector<HTMLElement>(`[data-value="${next}"]`)?.focus();
    if (next !== rating) choose(next);
  }

  const shown = preview ?? rating ?? 0;
  const tabbable = rating ?? 0.5;
  const status = pending
    ? 'Saving…'
    : state.status === 'error'
      ? state.message
      : state.status === 'saved'
        ? state.rating === null
          ? 'Rating removed'
          : 'Saved'
        : '';

  return (
    <div className="rating-control">
      <div
        role="radiogroup"
        aria-label={`Your rating for ${name}`}
        aria-describedby={statusId}
        className={`rating-stars${preview !== null ? ' is-previewing' : ''}`}
        ref={group}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onMouseOver={onMouseOver}
        onMouseLeave={() => setPreview(null)}
      >
        {RATING_VALUES.map((value, index) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={rating === value}
            aria-label={`Rate ${name} ${spokenStars(value)}`}
            tabIndex={value === tabbable ? 0 : -1}
            data-value={value}
            className={`rating-half rating-half-${index % 2 === 0 ? 'left' : 'right'}${shown >= value ? ' is-on' : ''}`}
          />
        ))}
      </div>
      <span className="rating-value" aria-hidden="true">
        {rating === null ? '' : rating.toFixed(1)}
      </span>
      {rating !== null && (
        <button
          type="button"
          className="rating-clear"
          aria-label={`Clear your rating for ${name}`}
          onClick={() => choose(null)}
        >
          ×
        </button>
      )}
      <span
        id={statusId}
        className={`rating-status${state.status === 'error' && !pending ? ' text-danger' : ''}`}
        aria-live="polite"
      >
        {status}
      </span>
    </div>
  );
}
