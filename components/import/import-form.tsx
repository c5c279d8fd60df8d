'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { MAX_IMPORT_BYTES, MAX_IMPORT_TEXT } from '@/lib/profile-import/errors';
import type { ImportReport } from '@/lib/profile-import/plan';
import { ImportReportView } from './import-report';

type Phase =
  | { step: 'pick' | 'checking' }
  | { step: 'review' | 'saving'; report: ImportReport }
  | { step: 'saved'; report: ImportReport };

const ENDPOINT = '/api/profile/import';
const UNREACHABLE = 'The site could not be reached. Check your connection and try again.';

/**
 * Upload → match report → confirm. Both steps go to POST /api/profile/import (the programs' endpoint): a server
 * action could not take the file, as Next.js caps action bodies at 1 MB. The file is sent again on confirm, so
 * nothing is kept on the server between the two steps.
 */
export function ImportForm() {
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState('');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const input = useRef<HTMLInputElement>(null);

  async function send(confirm: boolean): Promise<ImportReport | null> {
    if (!file) return null;
    const body = new FormData();
    body.set('file', file);
    if (confirm) {
      body.set('confirm', '1');
      const chosen = Object.entries(choices).filter(([, value]) => value !== 'skip');
      body.set(
        'choices',
        JSON.stringify(Object.fromEntries(chosen.map(([key, value]) => [key, Number(value)]))),
      );
    }
    try {
      const response = await fetch(ENDPOINT, { method: 'POST', body });
      const json = (await response.json().catch(() => ({}))) as { report?: ImportReport; error?: string };
      if (response.ok && json.report) return json.report;
      setError(json.error ?? `The import failed (HTTP ${response.status}). Nothing was saved.`);
    } catch {
      setError(UNREACHABLE);
    }
    return null;
  }

  async function check(event: React.FormEvent) {
    event.preventDefault();
    setError('');
    if (!file) return setError('Choose an export file first.');
    if (file.size > MAX_IMPORT_BYTES)
      return setError(`The file is too large: imports are limited to ${MAX_IMPORT_TEXT}.`);
    setPhase({ step: 'checking' });
    const report = await send(false);
    setChoices({});
    setPhase(report ? { step: 'review', report } : { step: 'pick' });
  }

  async function confirm() {
    if (phase.step !== 'review') return;
    setError('');
    setPhase({ step: 'saving', report: phase.report });
    const report = await send(true);
    setPhase(report ? { step: 'saved', report } : { step: 'review', report: phase.report });
  }

  function restart() {
    setPhase({ step: 'pick' });
    setFile(null);
    setError('');
    if (input.current) input.current.value = '';
  }

  const busy = phase.step === 'checking' || phase.step === 'saving';
  const label =
    phase.step === 'review' || phase.step === 'saving' ? confirmLabel(phase.report, choices) : null;
  return (
    <div className="d-flex flex-column gap-4">
      {(phase.step === 'pick' || phase.step === 'checking') && (
        <form onSubmit={check} className="card card-body" aria-busy={busy} noValidate>
          <label htmlFor="import-file" className="form-label fw-semibold">
            Export file
          </label>
          <input
            ref={input}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.zip,text/csv,application/zip"
            className={`form-control${error ? ' is-invalid' : ''}`}
            aria-describedby="import-file-help import-file-error"
            aria-invalid={error !== ''}
            disabled={busy}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError('');
            }}
          />
          <div id="import-file-help" className="form-text">
            A CSV or Letterboxd’s ZIP, up to {MAX_IMPORT_TEXT}. Nothing is saved until you confirm.
          </div>
          <div id="import-file-error" className="invalid-feedback" role="alert">
            {error}
          </div>
          <div className="mt-3">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
              {busy ? 'Checking the file…' : 'Check the file'}
            </button>
          </div>
        </form>
      )}

      {(phase.step === 'review' || phase.step === 'saving') && (
        <>
          {!label && (
            <p className="alert alert-info mb-0">
              Nothing new to import: everything this file matched is already in your profile.
            </p>
          )}
          <ImportReportView
            report={phase.report}
            choices={choices}
            disabled={busy}
            onChoose={(key, value) => setChoices((previous) => ({ ...previous, [key]: value }))}
          />
          {error && (
            <div className="alert alert-danger mb-0" role="alert">
              {error}
            </div>
          )}
          <div className="d-flex flex-wrap gap-2 border-top pt-3" aria-busy={busy}>
            <button type="button" className="btn btn-primary" onClick={confirm} disabled={busy || !label}>
              {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
              {busy ? 'Importing…' : (label ?? 'Nothing new to import')}
            </button>
            <button type="button" className="btn btn-outline-secondary" onClick={restart} disabled={busy}>
              Choose another file
            </button>
          </div>
        </>
      )}

      {phase.step === 'saved' && <Saved report={phase.report} onAgain={restart} />}
      <p className="visually-hidden" aria-live="polite">
        {phase.step === 'checking' ? 'Checking the file…' : phase.step === 'saving' ? 'Importing…' : ''}
      </p>
    </div>
  );
}

/** "Import 12 ratings and 3 watchlist movies", or null when confirming would save nothing. */
function confirmLabel(report: ImportReport, choices: Record<string, string>): string | null {
  const chosen = report.ambiguous.filter((row) => (choices[row.key] ?? 'skip') !== 'skip');
  const ratings =
    report.counts.ratings.new +
    report.counts.ratings.replaces +
    chosen.filter((row) => row.kind === 'rating').length;
  const watch = report.counts.watchlist.new + chosen.filter((row) => row.kind === 'watchlist').length;
  if (ratings + watch === 0) return null;
  const parts = [`${ratings} ${ratings === 1 ? 'rating' : 'ratings'}`];
  if (report.watchlist.length > 0 || watch > 0)
    parts.push(`${watch} watchlist ${watch === 1 ? 'movie' : 'movies'}`);
  return `Import ${parts.join(' and ')}`;
}

function Saved({ report, onAgain }: { report: ImportReport; onAgain: () => void }) {
  const { ratings, watchlist } = report.counts;
  return (
    <div className="alert alert-success mb-0" role="status">
      <h2 className="h4">Imported</h2>
      <p>
        {ratings.new} new {ratings.new === 1 ? 'rating' : 'ratings'}, {ratings.replaces} replaced,{' '}
        {ratings.unchanged} unchanged, {ratings.kept} kept as you had them
        {report.watchlist.length > 0 ? `; ${watchlist.new} added to your watchlist` : ''}.
      </p>
      <div className="d-flex flex-wrap gap-2">
        <Link className="btn btn-success" href="/recommendations">
          See your recommendations →
        </Link>
        <Link className="btn btn-outline-secondary" href="/profile">
          Your ratings
        </Link>
        <button type="button" className="btn btn-link" onClick={onAgain}>
          Import another file
        </button>
      </div>
    </div>
  );
}
