import type { Metadata } from 'next';
import { ImportForm } from '@/components/import/import-form';
import { MAX_IMPORT_TEXT } from '@/lib/profile-import/errors';

export const metadata: Metadata = { title: 'Import your ratings' };

/** Import ratings and a watchlist from another site's export; the form and the match report are client-side. */
export default function ImportPage() {
  return (
    <div className="d-flex flex-column gap-4">
      <header>
        <h1 className="h2">Import your ratings</h1>
        <p className="lead mb-0">
          Bring the ratings you already have elsewhere. You see how each one matches a movie here before
          anything is saved.
        </p>
      </header>
      <section aria-labelledby="formats-heading">
        <h2 id="formats-heading" className="h5">
          Files this page reads (up to {MAX_IMPORT_TEXT})
        </h2>
        <ul className="mb-2">
          <li>
            <strong>MovieLens.org</strong>: the ratings export (<code>ratings.csv</code>) and the wishlist
            export, matched by movie id.
          </li>
          <li>
            <strong>IMDb</strong>: Your Ratings → Export (a CSV), matched by IMDb id. IMDb’s 1–10 becomes half
            the stars (8 → 4★); TV series, episodes and games are skipped.
          </li>
          <li>
            <strong>Letterboxd</strong>: the ZIP from Settings → Data → Export your data, or its{' '}
            <code>ratings.csv</code>, <code>diary.csv</code> or <code>watchlist.csv</code>. Matched by title
            and year (a year either side), ignoring articles, punctuation and accents.
          </li>
        </ul>
        <p className="text-body-secondary mb-0">
          A movie you have already rated keeps your rating unless the file’s is newer; files without dates
          (MovieLens.org’s) never replace a rating. Importing the same file twice changes nothing.
        </p>
      </section>
      <ImportForm />
    </div>
  );
}
