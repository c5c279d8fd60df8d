'use client';

import { useEffect } from 'react';

/**
 * Shown when a page fails (for example the database is unreachable). retry() fetches the segment's server
 * components again and re-renders it (reset() alone would re-render the failed server payload and fail again).
 */
export default function ErrorPage({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="text-center py-5" role="alert">
      <h1 className="h3">Something went wrong</h1>
      <p className="text-body-secondary">
        We could not load this page. It may be a passing problem with the database: please try again.
      </p>
      <button type="button" className="btn btn-primary" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
