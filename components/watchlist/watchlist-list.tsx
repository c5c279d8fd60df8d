'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { PredictedRating } from '@/components/movies/predicted-rating';
import { RatingControl } from '@/components/rating/rating-control';
import { setWatchlist } from '@/lib/actions/movie-marks';
import { idleState } from '@/lib/actions/state';
import { displayTitle } from '@/lib/display';

export interface WatchlistItem {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
  predicted: number | null;
  /** "2 Dec 2026", formatted on the server (so the client renders the same text). */
  added: string;
  rating: number | null;
}

/**
 * One page of the watchlist: each movie can be rated (rating it takes it off the list: the refreshed page leaves it
 * out) or taken off. When a movie leaves, the list says which one and why.
 */
export function WatchlistList({ items }: { items: WatchlistItem[] }) {
  const [previous, setPrevious] = useState(items);
  const [removing, setRemoving] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState('');
  const [, startTransition] = useTransition();
  if (previous !== items) {
    // Adjusting state while rendering (React's pattern for state derived from changed props).
    const now = new Set(items.map((item) => item.movieId));
    const gone = previous.filter((item) => !now.has(item.movieId));
    setPrevious(items);
    if (gone.length > 0) {
      setMessage(
        gone
          .map((item) =>
            removing.has(item.movieId)
              ? `Took ${displayTitle(item.title)} off your watchlist.`
              : `You rated ${displayTitle(item.title)}, so it left your watchlist.`,
          )
          .join(' '),
      );
    }
  }

  function remove(item: WatchlistItem) {
    setRemoving((current) => new Set(current).add(item.movieId));
    startTransition(async () => {
      const form = new FormData();
      form.set('movieId', String(item.movieId));
      form.set('want', 'off');
      const result = await setWatchlist(idleState, form);
      if (result.status === 'error') {
        setRemoving((current) => {
          const next = new Set(current);
          next.delete(item.movieId);
          return next;
        });
        setMessage(result.message);
      }
    });
  }

  return (
    <>
      <p className="small mb-0" role="status" aria-live="polite">
        {message}
      </p>
      <ol className="list-group" aria-label="Movies you want to watch">
        {items.map((item) => {
          const name = displayTitle(item.title);
          return (
            <li key={item.movieId} className="list-group-item d-flex flex-wrap align-items-center gap-2">
              <div className="me-auto">
                <Link href={`/movies/${item.movieId}`} className="fw-semibold">
                  {name}
                </Link>{' '}
                {item.year !== null && <span className="text-body-secondary">({item.year})</span>}
                <div className="small text-body-secondary">
                  {item.genres.slice(0, 3).join(' · ')}
                  {item.genres.length > 0 && ' · '}added {item.added}
                </div>
              </div>
              {item.predicted !== null && <PredictedRating rating={item.predicted} />}
              <RatingControl movieId={item.movieId} title={item.title} initialRating={item.rating} />
              <button
                type="button"
                className="btn btn-sm btn-outline-secondary"
                onClick={() => remove(item)}
                disabled={removing.has(item.movieId)}
              >
                {removing.has(item.movieId) ? 'Removing…' : 'Remove'}
                <span className="visually-hidden"> {name} from your watchlist</span>
              </button>
            </li>
          );
        })}
      </ol>
    </>
  );
}
