import Link from 'next/link';
import type { FallbackReason } from '@/lib/recsys/engine';
import { RefreshWhileTraining } from './refresh-while-training';

export interface EngineNoticeProps {
  fallback: FallbackReason | null;
  requestedLabel: string;
  progress: { done: number; total: number } | null;
}

/** Why the list shows popular movies instead of the chosen algorithm's. */
export function EngineNotice({ fallback, requestedLabel, progress }: EngineNoticeProps) {
  if (fallback === null) return null;
  if (fallback === 'empty-profile') {
    return (
      <div className="alert alert-info" role="status">
        <strong>Rate a few movies to get your own recommendations.</strong> Until then, here are the movies
        most MovieLens users rated.{' '}
        <Link href="/" className="alert-link">
          Rate movies
        </Link>{' '}
        — five ratings are enough to start.
      </div>
    );
  }
  if (fallback === 'training' || fallback === 'not-started') {
    return (
      <div className="alert alert-warning d-flex align-items-center gap-2" role="status">
        <span className="spinner-border spinner-border-sm flex-shrink-0" aria-hidden="true" />
        <span>
          The models are still training{progress ? ` (${progress.done} of ${progress.total} ready)` : ''}:
          showing popular movies until <strong>{requestedLabel}</strong> is ready. This page refreshes by
          itself.
        </span>
        <RefreshWhileTraining />
      </div>
    );
  }
  return (
    <div className="alert alert-secondary" role="status">
      <strong>{requestedLabel}</strong> is not available right now: showing popular movies instead.
    </div>
  );
}
