'use client';

import { useEffect } from 'react';

/** Shown when a page fails (for example the database is unreachable); reset() re-renders the segment. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="text-center py-5" role="alert">
      <h1 className="h3">Something went wrong</h1>
      <p className="text-body-secondary">
        We could not load this page. It may be a passing problem with the database: please try again.
      </p>
      <button type="button" className="btn btn-primary" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
