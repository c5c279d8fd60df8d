'use client';

import { startTransition, useActionState, useId, useState, type FormEvent } from 'react';
import { planMovieNightAction } from '@/lib/actions/movie-night';
import {
  MAX_PEOPLE,
  MIN_PEOPLE,
  type MovieNightState,
  type PersonSource,
} from '@/lib/actions/movie-night-state';
import { idleState } from '@/lib/actions/state';
import { GroupPicks } from './group-picks';

interface PersonRow {
  key: number;
  source: PersonSource;
}

/**
 * The movie night form: one row per person (a name and where their taste comes from), a genre, and the group's
 * picks below. Dispatched by hand rather than as a form action, which would clear the names, codes and files
 * after each plan.
 */
export function MovieNightPlanner({
  ownRatingCount,
  genres,
  fewRatings,
  fileLimitBytes,
  fileLimitText,
}: {
  ownRatingCount: number;
  genres: string[];
  fewRatings: number;
  fileLimitBytes: number;
  fileLimitText: string;
}) {
  const [rows, setRows] = useState<PersonRow[]>([
    { key: 0, source: ownRatingCount > 0 ? 'mine' : 'code' },
    { key: 1, source: 'code' },
  ]);
  const [nextKey, setNextKey] = useState(2);
  const [state, plan, planning] = useActionState(
    async (_previous: MovieNightState, form: FormData): Promise<MovieNightState> => {
      // All files travel in one request, which the server takes up to 1 MB (a larger one never reaches the action).
      const files = [...form.values()].filter((value): value is File => typeof value !== 'string');
      const total = files.reduce((sum, file) => sum + file.size, 0);
      if (total > fileLimitBytes)
        return {
          status: 'error',
          message: `The export files come to more than ${fileLimitText} together: use share codes for some people.`,
        };
      try {
        return await planMovieNightAction(idleState, form);
      } catch {
        return { status: 'error', message: 'The server did not answer. Please try again.' };
      }
    },
    idleState as MovieNightState,
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => plan(form));
  };
  const setSource = (key: number, source: PersonSource) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, source } : row)));

  return (
    <>
      <form
        onSubmit={onSubmit}
        className="d-flex flex-column gap-3"
        aria-describedby="night-status"
        noValidate
      >
        {rows.map((row, i) => (
          <PersonFields
            key={row.key}
            index={i}
            row={row}
            ownRatingCount={ownRatingCount}
            mineTaken={rows.some((other) => other.key !== row.key && other.source === 'mine')}
            fileLimitText={fileLimitText}
            error={state.personErrors?.[i]}
            onSource={(source) => setSource(row.key, source)}
            onRemove={
              rows.length > MIN_PEOPLE
                ? () => setRows((current) => current.filter((r) => r.key !== row.key))
                : null
            }
          />
        ))}
        <div className="d-flex flex-wrap align-items-end gap-3">
          <button
            type="button"
            className="btn btn-outline-secondary"
            disabled={rows.length >= MAX_PEOPLE}
            onClick={() => {
              setRows((current) => [...current, { key: nextKey, source: 'code' }]);
              setNextKey(nextKey + 1);
            }}
          >
            Add a person
          </button>
          <div>
            <label htmlFor="night-genre" className="form-label">
              Genre
            </label>
            <select id="night-genre" name="genre" className="form-select" defaultValue="">
              <option value="">Any genre</option>
              {genres.map((genre) => (
                <option key={genre} value={genre}>
                  {genre}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-primary" disabled={planning}>
            {planning ? 'Finding movies…' : 'Find movies for us'}
          </button>
        </div>
        {rows.length >= MAX_PEOPLE && (
          <p className="small text-body-secondary mb-0">A movie night is for at most {MAX_PEOPLE} people.</p>
        )}
        <p
          id="night-status"
          role="status"
          className={`mb-0 ${state.status === 'error' ? 'text-danger fw-semibold' : 'text-body-secondary'}`}
        >
          {planning ? 'Finding movies none of you has rated…' : state.message}
        </p>
      </form>
      {state.plan && !planning && <GroupPicks plan={state.plan} fewRatings={fewRatings} />}
    </>
  );
}

function PersonFields({
  index,
  row,
  ownRatingCount,
  mineTaken,
  fileLimitText,
  error,
  onSource,
  onRemove,
}: {
  index: number;
  row: PersonRow;
  ownRatingCount: number;
  mineTaken: boolean;
  fileLimitText: string;
  error: string | undefined;
  onSource: (source: PersonSource) => void;
  onRemove: (() => void) | null;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const sources: { value: PersonSource; label: string; disabled: boolean }[] = [
    {
      value: 'mine',
      label:
        ownRatingCount > 0
          ? `My ratings in this browser (${ownRatingCount})`
          : 'My ratings in this browser (none yet)',
      disabled: ownRatingCount === 0 || mineTaken,
    },
    { value: 'code', label: 'A share code', disabled: false },
    { value: 'file', label: 'An export file', disabled: false },
  ];
  return (
    <fieldset className="border rounded p-3" aria-describedby={error ? errorId : undefined}>
      <legend className="float-none w-auto px-2 fs-6 fw-semibold mb-0">Person {index + 1}</legend>
      <input type="hidden" name={`source-${index}`} value={row.source} />
      <div className="row g-3 align-items-end">
        <div className="col-12 col-md-3">
          <label htmlFor={`${id}-name`} className="form-label">
            Name
          </label>
          <input
            id={`${id}-name`}
            name={`name-${index}`}
            className="form-control"
            maxLength={40}
            placeholder={`Person ${index + 1}`}
            defaultValue={row.source === 'mine' && index === 0 ? 'Me' : ''}
          />
        </div>
        <div className="col-12 col-md-4">
          <label htmlFor={`${id}-source`} className="form-label">
            Taste from
          </label>
          <select
            id={`${id}-source`}
            className="form-select"
            value={row.source}
            onChange={(event) => onSource(event.currentTarget.value as PersonSource)}
          >
            {sources.map((source) => (
              <option
                key={source.value}
                value={source.value}
                disabled={source.disabled && row.source !== source.value}
              >
                {source.label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-4">
          {row.source === 'code' && (
            <>
              <label htmlFor={`${id}-code`} className="form-label">
                Share code
              </label>
              <input
                id={`${id}-code`}
                name={`code-${index}`}
                className={`form-control font-monospace ${error ? 'is-invalid' : ''}`}
                placeholder="ABCD-EFGH-JKMN"
                autoComplete="off"
                spellCheck={false}
              />
            </>
          )}
          {row.source === 'file' && (
            <>
              <label htmlFor={`${id}-file`} className="form-label">
                Export file (up to {fileLimitText})
              </label>
              <input
                id={`${id}-file`}
                name={`file-${index}`}
                type="file"
                accept=".csv,.json,text/csv,application/json"
                className={`form-control ${error ? 'is-invalid' : ''}`}
              />
            </>
          )}
          {row.source === 'mine' && (
            <p className="mb-2 text-body-secondary">Your ratings and hidden movies.</p>
          )}
        </div>
        <div className="col-12 col-md-1 text-md-end">
          {onRemove && (
            <button
              type="button"
              className="btn btn-outline-danger btn-sm"
              onClick={onRemove}
              aria-label={`Remove person ${index + 1}`}
            >
              Remove
            </button>
          )}
        </div>
      </div>
      {error && (
        <p id={errorId} className="text-danger small mt-2 mb-0">
          {error}
        </p>
      )}
    </fieldset>
  );
}
