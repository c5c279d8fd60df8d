'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { unskipMovies } from '@/lib/actions/movie-marks';
import type { ActionState } from '@/lib/actions/state';
import { displayTitle } from '@/lib/display';

/**
 * The movies the visitor skipped with "Haven't seen it" on the start page: how many, each with an undo, and an
 * "undo all". Plain forms posting to the unskipMovies server action, so they work before JavaScript loads.
 */
export function SkippedMovies({
  movies,
  total = movies.length,
}: {
  /** The skipped movies listed (a page may list only the first ones of a long list). */
  movies: { id: number; title: string; year: number | null }[];
  /** How many the visitor skipped in all. */
  total?: number;
}) {
  const [state, action, pending] = useActionState(unskipMovies, {
    status: 'idle',
    message: '',
  } as ActionState);
  return (
    <section aria-labelledby="skipped-heading">
      <h2 id="skipped-heading" className="h4">
        Haven’t seen <span className="badge text-bg-secondary align-middle fs-6">{total}</span>
      </h2>
      <p
        className={`small ${state.status === 'error' ? 'text-danger' : 'text-body-secondary'}`}
        role="status"
        aria-live="polite"
      >
        {pending ? 'Saving…' : state.message}
      </p>
      {movies.length === 0 ? (
        <p className="text-body-secondary">
          Movies you skip with “Haven’t seen it” on <Link href="/">Rate movies</Link> are no longer offered
          there, and listed here.
        </p>
      ) : (
        <>
          <form action={action} className="mb-2">
            <button type="submit" className="btn btn-sm btn-outline-primary" disabled={pending}>
              Undo all {total} skips
            </button>
          </form>
          <details>
            <summary>Show the skipped movies</summary>
            <ul className="list-group mt-2" aria-label="Movies you have not seen">
              {movies.map((movie) => (
                <li key={movie.id} className="list-group-item d-flex flex-wrap align-items-center gap-2">
                  <span className="me-auto">
                    <Link href={`/movies/${movie.id}`}>{displayTitle(movie.title)}</Link>{' '}
                    {movie.year !== null && <span className="text-body-secondary">({movie.year})</span>}
                  </span>
                  <form action={action}>
                    <input type="hidden" name="movieId" value={movie.id} />
                    <button type="submit" className="btn btn-sm btn-outline-secondary" disabled={pending}>
                      Undo<span className="visually-hidden"> skipping {displayTitle(movie.title)}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
