'use client';

import { useState, useTransition } from 'react';
import { hideMovie } from '@/lib/actions/hidden';
import { idleState } from '@/lib/actions/state';
import { RecommendationCard, type RecommendationCardData } from './recommendation-card';

/**
 * The cards; "not interested" removes a card at once and stores the choice (the card comes back if saving fails).
 * Rating or hiding refreshes the page's data (the rated movie leaves the recommendations), but a list the visitor
 * is working through must not reshuffle under their cursor: once they have interacted, a newer list waits behind a
 * button. Before that (e.g. models finishing training), the newer list simply replaces this one.
 */
export function RecommendationList({ items }: { items: RecommendationCardData[] }) {
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();
  const [shownItems, setShownItems] = useState(items);
  const [latest, setLatest] = useState(items);
  const [interacted, setInteracted] = useState(false);
  if (latest !== items) {
    // Adjusting state while rendering (React's documented pattern for "state derived from changed props").
    setLatest(items);
    if (!interacted) setShownItems(items);
  }
  const newer = latest !== shownItems && !sameMovies(latest, shownItems);

  function hide(movieId: number) {
    setInteracted(true);
    setHidden((current) => new Set(current).add(movieId));
    startTransition(async () => {
      const form = new FormData();
      form.set('movieId', String(movieId));
      const result = await hideMovie(idleState, form);
      if (result.status === 'error') {
        setHidden((current) => {
          const next = new Set(current);
          next.delete(movieId);
          return next;
        });
      }
      setMessage(result.message);
    });
  }

  const shown = shownItems.filter((item) => !hidden.has(item.movieId));
  return (
    <div
      onClickCapture={(event) => markRating(event.target)}
      onKeyDownCapture={(event) => markRating(event.target)}
    >
      <p className="visually-hidden" aria-live="polite">
        {message}
      </p>
      {newer && (
        <div
          className="alert alert-light border d-flex flex-wrap align-items-center gap-2 py-2"
          role="status"
        >
          <span className="small">Your ratings changed your recommendations.</span>
          <button
            type="button"
            className="btn btn-sm btn-primary"
            onClick={() => {
              setShownItems(latest);
              setInteracted(false);
            }}
          >
            Show the updated list
          </button>
        </div>
      )}
      {shown.length === 0 ? (
        <p className="text-body-secondary">
          No movies match these filters. Try another genre, a wider range of years or fewer required ratings.
        </p>
      ) : (
        <ol
          className="row row-cols-1 row-cols-md-2 row-cols-xl-3 g-3 list-unstyled"
          aria-label="Recommended movies"
        >
          {shown.map((item, index) => (
            <li className="col" key={item.movieId}>
              <RecommendationCard
                item={item}
                rank={index + 1}
                onHide={hide}
                hiding={pending && hidden.has(item.movieId)}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );

  function markRating(target: EventTarget) {
    if (target instanceof Element && target.closest('.rating-control')) setInteracted(true);
  }
}

function sameMovies(a: readonly RecommendationCardData[], b: readonly RecommendationCardData[]): boolean {
  return a.length === b.length && a.every((item, i) => item.movieId === b[i]?.movieId);
}
