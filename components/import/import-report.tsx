import Link from 'next/link';
import { starsText } from '@/lib/display';
import type { AmbiguousRow, ImportReport, PlannedRating, PlannedWatch } from '@/lib/profile-import/plan';

/** The match report: what the file holds, what confirming would save, and the rows that need the visitor. */
export function ImportReportView({
  report,
  choices,
  onChoose,
  disabled,
}: {
  report: ImportReport;
  choices: Record<string, string>;
  onChoose?: (key: string, value: string) => void;
  disabled?: boolean;
}) {
  const { counts, skipped } = report;
  const notMovies = Object.entries(skipped.notMovies);
  return (
    <div className="d-flex flex-column gap-4">
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="h4">
          What the file holds
        </h2>
        <p className="mb-1 text-body-secondary">
          Read as: {report.files.map((file) => `${file.label} (${file.name})`).join(', ')}.
        </p>
        <ul className="mb-0" aria-label="Summary">
          <li>
            Ratings: <strong>{counts.ratings.new} new</strong>, {counts.ratings.replaces} replacing older
            ones, {counts.ratings.unchanged} unchanged, {counts.ratings.kept} kept as you have them.
          </li>
          {report.watchlist.length > 0 && (
            <li>
              Watchlist: <strong>{counts.watchlist.new} new</strong>, {counts.watchlist.unchanged} already on
              it, {counts.watchlist.rated} already rated (not added).
            </li>
          )}
          {counts.ambiguous > 0 && <li>{counts.ambiguous} to choose: the title fits more than one movie.</li>}
          {counts.missing > 0 && <li>{counts.missing} not found in the catalogue.</li>}
          {notMovies.length > 0 && (
            <li>
              {counts.notMovies} skipped as not movies (
              {notMovies.map(([type, n]) => `${type}: ${n}`).join(', ')}).
            </li>
          )}
          {skipped.unrated > 0 && <li>{skipped.unrated} diary entries without a rating skipped.</li>}
          {skipped.duplicates > 0 && (
            <li>{skipped.duplicates} repeated entries: the latest of each movie counts.</li>
          )}
        </ul>
      </section>

      {report.ambiguous.length > 0 && (
        <section aria-labelledby="ambiguous-heading">
          <h2 id="ambiguous-heading" className="h4">
            Choose the movie{' '}
            <span className="badge text-bg-warning align-middle fs-6">{report.ambiguous.length}</span>
          </h2>
          <p className="text-body-secondary">Rows you leave on “Skip” are not imported.</p>
          <div className="d-flex flex-column gap-3">
            {report.ambiguous.map((row) => (
              <AmbiguousChoice
                key={row.key}
                row={row}
                value={choices[row.key] ?? 'skip'}
                onChoose={onChoose}
                disabled={disabled}
              />
            ))}
          </div>
        </section>
      )}

      {report.ratings.length > 0 && (
        <section aria-labelledby="matched-heading">
          <h2 id="matched-heading" className="h4">
            Matched ratings{' '}
            <span className="badge text-bg-secondary align-middle fs-6">{report.ratings.length}</span>
          </h2>
          <div className="table-responsive overflow-y-auto border rounded" style={{ maxHeight: '32rem' }}>
            <table className="table table-sm align-middle mb-0">
              <caption className="visually-hidden">
                Ratings in the file and the MovieLens movies they match
              </caption>
              <thead className="sticky-top">
                <tr>
                  <th scope="col">In your file</th>
                  <th scope="col">MovieLens movie</th>
                  <th scope="col">Rating</th>
                  <th scope="col" className="text-nowrap">
                    What happens
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.ratings.map((row) => (
                  <tr key={row.key}>
                    <td>{fileName(row)}</td>
                    <td>
                      <MovieLink row={row} />
                    </td>
                    <td>{starsText(row.rating)}</td>
                    <td>
                      <RatingStatus row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {report.watchlist.length > 0 && (
        <section aria-labelledby="watchlist-heading">
          <h2 id="watchlist-heading" className="h4">
            Watchlist{' '}
            <span className="badge text-bg-secondary align-middle fs-6">{report.watchlist.length}</span>
          </h2>
          <ul className="list-group">
            {report.watchlist.map((row) => (
              <li key={row.key} className="list-group-item d-flex flex-wrap gap-2 align-items-center">
                <span className="me-auto">
                  <MovieLink row={row} />{' '}
                  <span className="text-body-secondary small">from “{fileName(row)}”</span>
                </span>
                <WatchStatus row={row} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {report.missing.length > 0 && (
        <section aria-labelledby="missing-heading">
          <h2 id="missing-heading" className="h4">
            Not found in the catalogue{' '}
            <span className="badge text-bg-light border align-middle fs-6">{report.missing.length}</span>
          </h2>
          <p className="text-body-secondary mb-1">
            No movie here has these titles and years. This site knows the MovieLens “latest-small” movies (up
            to 2018).
          </p>
          <ul className="list-inline mb-0">
            {report.missing.map((row) => (
              <li key={row.key} className="list-inline-item">
                {fileName(row)}
                {row.kind === 'watchlist' ? ' (watchlist)' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function fileName(row: { fileTitle: string; fileYear: number | null }): string {
  return row.fileYear === null ? row.fileTitle : `${row.fileTitle} (${row.fileYear})`;
}

function MovieLink({ row }: { row: PlannedRating | PlannedWatch }) {
  return (
    <Link href={`/movies/${row.movieId}`}>
      {row.title}
      {row.year !== null && ` (${row.year})`}
    </Link>
  );
}

function RatingStatus({ row }: { row: PlannedRating }) {
  const yours = row.current === null ? '' : starsText(row.current);
  switch (row.status) {
    case 'new':
      return <span className="badge text-bg-success">New</span>;
    case 'unchanged':
      return <span className="badge text-bg-light border">Unchanged</span>;
    case 'replaces':
      return (
        <span className="badge text-bg-primary text-wrap">Replaces your {yours}: the file’s is newer</span>
      );
    case 'kept':
      return (
        <span className="badge text-bg-secondary text-wrap">
          Keeps your {yours}: {row.date === null ? 'the file has no dates' : 'yours is newer'}
        </span>
      );
  }
}

function WatchStatus({ row }: { row: PlannedWatch }) {
  if (row.status === 'new') return <span className="badge text-bg-success">New</span>;
  if (row.status === 'unchanged')
    return <span className="badge text-bg-light border">Already on your watchlist</span>;
  return <span className="badge text-bg-secondary">Rated: not added</span>;
}

function AmbiguousChoice({
  row,
  value,
  onChoose,
  disabled,
}: {
  row: AmbiguousRow;
  value: string;
  onChoose?: (key: string, value: string) => void;
  disabled?: boolean;
}) {
  const name = `choice-${row.key}`;
  const year = row.fileYear === null ? '' : ` (${row.fileYear})`;
  const label = `“${row.fileTitle}”${year}${row.rating === null ? ' (watchlist)' : `, ${starsText(row.rating)}`}`;
  return (
    <fieldset className="border rounded p-2" disabled={disabled}>
      <legend className="fs-6 fw-semibold float-none w-auto px-1 mb-1">{label}</legend>
      {row.candidates.map((movie) => (
        <div className="form-check" key={movie.movieId}>
          <input
            className="form-check-input"
            type="radio"
            name={name}
            id={`${name}-${movie.movieId}`}
            checked={value === String(movie.movieId)}
            onChange={() => onChoose?.(row.key, String(movie.movieId))}
          />
          <label className="form-check-label" htmlFor={`${name}-${movie.movieId}`}>
            {movie.title}
            {movie.year !== null && ` (${movie.year})`}
            {movie.genres.length > 0 && (
              <span className="text-body-secondary"> · {movie.genres.join(', ')}</span>
            )}{' '}
            <Link href={`/movies/${movie.movieId}`} target="_blank" className="small">
              details
            </Link>
          </label>
        </div>
      ))}
      <div className="form-check">
        <input
          className="form-check-input"
          type="radio"
          name={name}
          id={`${name}-skip`}
          checked={value === 'skip'}
          onChange={() => onChoose?.(row.key, 'skip')}
        />
        <label className="form-check-label" htmlFor={`${name}-skip`}>
          Skip
        </label>
      </div>
    </fieldset>
  );
}
