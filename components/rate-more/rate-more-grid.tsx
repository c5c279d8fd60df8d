'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { MovieCard } from '@/components/movies/movie-card';
import { skipMovie, unskipMovies } from '@/lib/actions/movie-marks';
import { idleState } from '@/lib/actions/state';
import type { MovieSummary } from '@/lib/data/movies';
import { displayTitle } from '@/lib/display';

export interface MovieToRate {
  movie: MovieSummary;
  rating: number | null;
  predicted: number | null;
  watchlisted: boolean;
}

export interface RateMoreGridProps {
  items: MovieToRate[];
  /** The visitor's ratings (movieId → stars): a held card rated elsewhere on the page (e.g. search) shows it. */
  ratings: Record<number, number>;
  /** Addresses of the previous and next pages (null: none). */
  previousHref: string | null;
  nextHref: string | null;
  firstHref: string | null;
  pageSize: number;
}

/**
 * One page of movies to rate. The page is held as it was first shown: a rating or "haven't seen it" refreshes the
 * server's data, which leaves rated and skipped movies out, but cards must not move under the visitor's cursor, and
 * the "next" link must start after the last card they saw (the server's newer page would start later). Cards the
 * server still lists take its newer data. "Haven't seen it" takes the card out at once and offers an undo.
 */
export function RateMoreGrid({
  items,
  ratings,
  previousHref,
  nextHref,
  firstHref,
  pageSize,
}: RateMoreGridProps) {
  const [page] = useState({ items, previousHref, nextHref, firstHref });
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [lastSkipped, setLastSkipped] = useState<MovieToRate | null>(null);
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();
  // The card whose "Haven't seen it" button takes the keyboard focus when the focused card leaves the grid.
  const focusAfterSkip = useRef<number | null>(null);
  useEffect(() => {
    if (focusAfterSkip.current === null) return;
    document.querySelector<HTMLButtonElement>(`[data-skip-for="${focusAfterSkip.current}"]`)?.focus();
    focusAfterSkip.current = null;
  });

  function toggle(movieId: number, skip: boolean) {
    setSkipped((current) => {
      const next = new Set(current);
      if (skip) next.add(movieId);
      else next.delete(movieId);
      return next;
    });
  }

  function skip(item: MovieToRate) {
    // The next card (or the one before, at the end) takes the focus the skipped card's button had.
    const at = shown.findIndex((other) => other.movie.id === item.movie.id);
    const neighbour = shown[at + 1] ?? shown[at - 1];
    focusAfterSkip.current = neighbour?.movie.id ?? null;
    toggle(item.movie.id, true);
    startTransition(async () => {
      const form = new FormData();
      form.set('movieId', String(item.movie.id));
      const result = await skipMovie(idleState, form);
      if (result.status === 'error') toggle(item.movie.id, false);
      setLastSkipped(result.status === 'error' ? null : item);
      setMessage(
        result.status === 'error'
          ? result.message
          : `Skipped ${displayTitle(item.movie.title)}: it will not be offered again.`,
      );
    });
  }

  function undo(item: MovieToRate) {
    startTransition(async () => {
      const form = new FormData();
      form.set('movieId', String(item.movie.id));
      const result = await unskipMovies(idleState, form);
      if (result.status !== 'error') toggle(item.movie.id, false);
      setLastSkipped(null);
      setMessage(result.status === 'error' ? result.message : `${displayTitle(item.movie.title)} is back.`);
    });
  }

  // The held order, with the newest data for movies the server still lists (predicted ratings follow new ratings);
  // the others were rated (shown with their stars, no longer a prediction) or skipped.
  const latest = new Map(items.map((item) => [item.movie.id, item]));
  const shown = page.items
    .filter((item) => !skipped.has(item.movie.id))
    .map(
      (item) =>
        latest.get(item.movie.id) ?? { ...item, rating: ratings[item.movie.id] ?? null, predicted: null },
    );
  return (
    <div className="d-flex flex-column gap-3">
      <div className="d-flex flex-wrap align-items-center gap-2 small" role="status" aria-live="polite">
        {message && <span>{message}</span>}
        {lastSkipped && (
          <button
            type="button"
            className="btn btn-sm btn-link p-0 align-baseline"
            onClick={() => undo(lastSkipped)}
            disabled={pending}
          >
            Undo
          </button>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="text-body-secondary mb-0">
          Nothing left to rate on this page.{' '}
          {page.nextHref ? (
            <Link href={page.nextHref}>Next {pageSize} movies</Link>
          ) : (
            'Try another genre or decade.'
          )}
        </p>
      ) : (
        <ul
          className="row row-cols-1 row-cols-sm-2 row-cols-lg-3 row-cols-xl-4 g-3 list-unstyled mb-0"
          aria-label="Movies to rate"
        >
          {shown.map((item) => (
            <li className="col" key={item.movie.id}>
              <MovieCard
                movie={item.movie}
                rating={item.rating}
                predicted={item.predicted}
                watchlisted={item.watchlisted}
                actions={
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-secondary"
                    onClick={() => skip(item)}
                    data-skip-for={item.movie.id}
                    aria-label={`Haven’t seen it: skip ${displayTitle(item.movie.title)}`}
                  >
                    Haven’t seen it
                  </button>
                }
              />
            </li>
          ))}
        </ul>
      )}
      <Pager {...page} pageSize={pageSize} />
    </div>
  );
}

function Pager({
  previousHref,
  nextHref,
  firstHref,
  pageSize,
}: Pick<RateMoreGridProps, 'previousHref' | 'nextHref' | 'firstHref' | 'pageSize'>) {
  if (!previousHref && !nextHref) return null;
  return (
    <nav aria-label="More movies to rate" className="d-flex flex-wrap justify-content-center gap-2">
      {firstHref && (
        <Link className="btn btn-outline-secondary" href={firstHref}>
          Most rated first
        </Link>
      )}
      {previousHref && (
        <Link className="btn btn-outline-primary" href={previousHref} rel="prev">
          ← Previous {pageSize}
        </Link>
      )}
      {nextHref && (
        <Link className="btn btn-primary" href={nextHref} rel="next">
          Next {pageSize} →
        </Link>
      )}
    </nav>
  );
}
