import type { Metadata } from 'next';
import Link from 'next/link';
import { WatchlistList, type WatchlistItem } from '@/components/watchlist/watchlist-list';
import { getDatabase } from '@/db/client';
import { listMovieMarks } from '@/lib/data/movie-marks';
import { listMoviesByIds } from '@/lib/data/movies';
import { listUserRatings } from '@/lib/data/ratings';
import { formatCount } from '@/lib/display';
import { predictedRatingsFor } from '@/lib/recsys/engine';
import { PREDICTION_MIN_RATINGS } from '@/lib/recsys/model-specs';
import { getVisitorId } from '@/lib/session';
import {
  pageOf,
  parseWatchlistQuery,
  sortWatchlist,
  WATCHLIST_SORTS,
  watchlistHref,
  type WatchlistQuery,
} from './watchlist-query';

export const metadata: Metadata = { title: 'Your watchlist' };

const ADDED = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The movies the visitor wants to watch, with their predicted rating; sortable, 50 a page. */
export default async function WatchlistPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseWatchlistQuery(await searchParams);
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const [marks, ratings] =
    visitorId === null
      ? [[], []]
      : await Promise.all([listMovieMarks(db, visitorId), listUserRatings(db, visitorId)]);
  const added = new Map(marks.filter((m) => m.mark === 'watchlist').map((m) => [m.movieId, m.markedAt]));
  const movies = await listMoviesByIds(db, [...added.keys()]);
  const profile = ratings.map(({ movieId, rating }) => ({ movieId, rating }));
  const predicted = predictedRatingsFor(
    profile,
    movies.map((movie) => movie.id),
  );
  const ratingOf = new Map(ratings.map((r) => [r.movieId, r.rating]));
  const entries = movies.map((movie) => ({
    movieId: movie.id,
    title: movie.title,
    year: movie.year,
    genres: movie.genres,
    addedAt: added.get(movie.id) as Date,
    predicted: predicted?.get(movie.id) ?? null,
    rating: ratingOf.get(movie.id) ?? null,
  }));
  const { items, page, pages } = pageOf(sortWatchlist(entries, query.sort), query.page);
  const shown: WatchlistItem[] = items.map(({ addedAt, ...item }) => ({
    ...item,
    added: ADDED.format(addedAt),
  }));

  return (
    <div className="d-flex flex-column gap-3">
      <header className="d-flex flex-wrap align-items-baseline justify-content-between gap-2">
        <h1 className="h2 mb-0">Want to watch</h1>
        <p className="text-body-secondary small mb-0">
          {formatCount(entries.length, 'movie', 'movies')} on your watchlist
        </p>
      </header>
      {entries.length === 0 ? (
        <div className="alert alert-light border" role="status">
          <h2 className="h6">Your watchlist is empty</h2>
          Press <strong>Want to watch</strong> on a movie to keep it here: on the{' '}
          <Link href="/">movies to rate</Link>, in <Link href="/recommendations">your recommendations</Link>{' '}
          or on a movie’s page. Rate a movie once you have seen it, and it leaves the list.
        </div>
      ) : (
        <>
          <SortLinks current={query.sort} />
          {query.sort === 'predicted' && predicted === null && (
            <p className="small text-body-secondary mb-0" role="note">
              {profile.length < PREDICTION_MIN_RATINGS
                ? `Predicted ratings appear once you have rated ${PREDICTION_MIN_RATINGS} movies; until then the newest added come first.`
                : 'Predicted ratings appear once the model has finished training; until then the newest added come first.'}
            </p>
          )}
          <WatchlistList items={shown} />
          <Pages query={{ ...query, page }} pages={pages} />
        </>
      )}
    </div>
  );
}

function SortLinks({ current }: { current: WatchlistQuery['sort'] }) {
  return (
    <nav aria-label="Sort the watchlist" className="d-flex flex-wrap align-items-center gap-2">
      <span className="small text-body-secondary">Sort by</span>
      <ul className="nav nav-pills genre-pills gap-1">
        {WATCHLIST_SORTS.map((option) => (
          <li className="nav-item" key={option.key}>
            <Link
              href={watchlistHref({ sort: option.key })}
              className={`nav-link py-1 px-2${option.key === current ? ' active' : ''}`}
              aria-current={option.key === current ? 'page' : undefined}
              scroll={false}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Pages({ query, pages }: { query: WatchlistQuery; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Watchlist pages">
      <ul className="pagination justify-content-center flex-wrap mb-0">
        {Array.from({ length: pages }, (_, i) => i + 1).map((page) => (
          <li className={`page-item${page === query.page ? ' active' : ''}`} key={page}>
            <Link
              className="page-link"
              href={watchlistHref({ sort: query.sort, page })}
              aria-current={page === query.page ? 'page' : undefined}
            >
              {page}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
