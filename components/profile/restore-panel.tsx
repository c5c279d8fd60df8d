'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { checkRestoreFile, restoreFromFile } from '@/lib/actions/restore';
import type { RestoreState } from '@/lib/actions/restore-state';
import { idleState } from '@/lib/actions/state';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Lists: 3 want to watch, 1 not interested (2 new here)." — only the lists the file has. */
function marksText(marks: NonNullable<RestoreState['preview']>['marks']): string {
  const lists = [
    marks.watchlist > 0 && `${marks.watchlist} want to watch`,
    marks.hidden > 0 && `${marks.hidden} not interested`,
    marks.unseen > 0 && `${marks.unseen} haven’t seen it`,
  ].filter(Boolean);
  if (lists.length === 0) return 'No watchlist, “not interested” or “haven’t seen it” marks.';
  return `Lists: ${lists.join(', ')} (${marks.new} new here).`;
}

/**
 * A file over the limit is refused here (the server refuses it too, but a body over 1 MB never reaches the action:
 * the proxy answers 413), and a failed request becomes a message rather than the error page.
 */
async function reachServer(
  call: () => Promise<RestoreState>,
  file: File | null,
  limitBytes: number,
  limitText: string,
): Promise<RestoreState> {
  if (file && file.size > limitBytes)
    return {
      status: 'error',
      message: `Nothing restored: The file is too large: the limit is ${limitText}.`,
    };
  try {
    return await call();
  } catch {
    return { status: 'error', message: 'Nothing restored: the server did not answer. Please try again.' };
  }
}

/**
 * Restore a profile from this site's export: check the file (a summary of what would change), then confirm.
 * The chosen file is kept in state and sent again with the confirmation (actions are dispatched by hand: a form
 * action would reset the file input); choosing another file hides the old summary.
 */
export function RestorePanel({ limitBytes, limitText }: { limitBytes: number; limitText: string }) {
  const [fresh, setFresh] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [checked, check, checking] = useActionState(
    // The previous state stays in the browser: only the file goes to the server.
    async (_previous: RestoreState, form: FormData) => {
      setFresh(false);
      return reachServer(() => checkRestoreFile(idleState, form), file, limitBytes, limitText);
    },
    idleState as RestoreState,
  );
  const [restored, restore, restoring] = useActionState(async (_previous: RestoreState, form: FormData) => {
    const result = await restoreFromFile(idleState, form);
    setFresh(true);
    return result;
  }, idleState);
  const preview = !fresh && checked.status !== 'error' ? checked.preview : undefined;
  const status = fresh ? restored : checked;
  const busy = checking || restoring;
  const withFile = () => {
    const form = new FormData();
    if (file) form.set('file', file);
    return form;
  };
  const onCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => check(withFile()));
  };

  return (
    <section aria-labelledby="restore-heading">
      <h2 id="restore-heading" className="h4">
        Restore a profile
      </h2>
      <p className="text-body-secondary">
        Upload a CSV or JSON exported from this site to bring its ratings and lists into this browser. A
        rating here is replaced only by a newer one from the file; nothing is saved until you confirm.
      </p>
      <form className="d-flex flex-column gap-2" aria-describedby="restore-status" onSubmit={onCheck}>
        <div>
          <label htmlFor="restore-file" className="form-label">
            Export file (CSV or JSON, up to {limitText})
          </label>
          <input
            id="restore-file"
            name="file"
            type="file"
            className="form-control"
            accept=".csv,.json,text/csv,application/json"
            required
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setFresh(true);
            }}
          />
        </div>
        {preview ? (
          <div className="alert alert-info mb-0" role="region" aria-label="What restoring changes">
            <ul className="mb-2">
              <li>
                {count(preview.ratings.total, 'rating', 'ratings')}: {preview.ratings.new} new here,{' '}
                {preview.ratings.newer} newer than this browser’s (they replace them),{' '}
                {preview.ratings.olderOrSame} older or the same (this browser’s are kept).
              </li>
              <li>{marksText(preview.marks)}</li>
              {preview.unknownCount > 0 && (
                <li>
                  {count(preview.unknownCount, 'movie is', 'movies are')} not in this catalogue and will be
                  skipped: {preview.unknownMovieIds.join(', ')}
                  {preview.unknownCount > preview.unknownMovieIds.length ? ', …' : ''}.
                </li>
              )}
            </ul>
            <div className="d-flex flex-wrap gap-2">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => startTransition(() => restore(withFile()))}
              >
                {restoring ? 'Restoring…' : 'Restore'}
              </button>
              <button
                type="button"
                className="btn btn-outline-secondary"
                onClick={() => setFresh(true)}
                disabled={busy}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div>
            <button type="submit" className="btn btn-outline-primary" disabled={busy}>
              {checking ? 'Reading…' : 'Check file'}
            </button>
          </div>
        )}
        <p
          id="restore-status"
          className={`small mb-0 ${status.status === 'error' ? 'text-danger' : status.status === 'saved' ? 'text-success' : 'text-body-secondary'}`}
          aria-live="polite"
        >
          {status.message}
        </p>
      </form>
    </section>
  );
}
