'use client';

import { useState, useTransition } from 'react';
import { hideMovie } from '@/lib/actions/hidden';
import { idleState } from '@/lib/actions/state';
import { RecommendationCard, type RecommendationCardData } from './recommendation-card';

/** The cards; "not interested" removes a card at once and stores the choice (the card comes back if saving fails). */
export function RecommendationList({ items }: { items: RecommendationCardData[] }) {
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();

  function hide(movieId: number) {
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

  const shown = items.filter((item) => !hidden.has(item.movieId));
  return (
    <>
      <p className="visually-hidden" aria-live="polite">{message}</p>
      {shown.length === 0 ? (
        <p className="text-body-secondary">No movies match these filters. Try another genre, a wider range of years or fewer required ratings.</p>
      ) : (
        <ol className="row row-cols-1 row-cols-md-2 row-cols-xl-3 g-3 list-unstyled" aria-label="Recommended movies">
          {shown.map((item, index) => (
            <li className="col" key={item.movieId}>
              <RecommendationCard item={item} rank={index + 1} onHide={hide} hiding={pending && hidden.has(item.movieId)} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
