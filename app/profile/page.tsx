import type { Metadata } from 'next';
import Link from 'next/link';
import { displayTitle } from '@/lib/display';
import { HideMovieButton } from '@/components/movies/hide-movie-button';
import { RatedMovieList } from '@/components/movies/rated-movie-list';
import { RatingProgress } from '@/components/movies/rating-progress';
import { SkippedMovies } from '@/components/rate-more/skipped-movies';
import { StartOver } from '@/components/rating/start-over';
import { ExportPanel } from '@/components/profile/export-panel';
import { RestorePanel } from '@/components/profile/restore-panel';
import { ShareCodesSection } from '@/components/profile/share-codes-section';
import { getDatabase } from '@/db/client';
import { PageLinks } from '@/components/movies/page-links';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listMoviesByIds } from '@/lib/data/movies';
import { listRatedMoviesPage, RATED_PAGE_SIZE, type RatedMoviesPage } from '@/lib/data/rated-movies';
import { MAX_PROFILE_FILE_BYTES, MAX_PROFILE_FILE_TEXT } from '@/lib/profile-export/parse';
import { getVisitorId } from '@/lib/session';

export const metadata: Metadata = { title: 'Your ratings' };

/** The most "not interested" or "haven't seen" movies listed at once (undoing some brings the next ones up). */
const MARKED_SHOWN = 100;

const NO_RATINGS: RatedMoviesPage = { total: 0, page: 1, pageCount: 1, items: [] };

/**
 * The visitor's ratings (edit, remove), RATED_PAGE_SIZE per page, their "not interested" list (undo), and starting
 * over. Pages keep any one request small: a visitor who rated the whole catalogue gets 196 pages, not 54 MB.
 */
export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { page: pageParam } = await searchParams;
  const requestedPage = Number(typeof pageParam === 'string' ? pageParam : 1);
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const [rated, hiddenIds, skippedIds] =
    visitorId === null
      ? [NO_RATINGS, [], []]
      : await Promise.all([
          listRatedMoviesPage(db, visitorId, { page: requestedPage }),
          listMarkedMovieIds(db, visitorId, 'hidden'),
          listMarkedMovieIds(db, visitorId, 'unseen'),
        ]);
  const [hiddenMovies, skippedMovies] = await Promise.all([
    listMoviesByIds(db, hiddenIds.slice(0, MARKED_SHOWN)),
    listMoviesByIds(db, skippedIds.slice(0, MARKED_SHOWN)),
  ]);
  const { items, total } = rated;
  const firstShown = (rated.page - 1) * RATED_PAGE_SIZE + 1;

  return (
    <div className="d-flex flex-column gap-4">
      <header>
        <h1 className="h2">Your ratings</h1>
        <p className="mb-0 text-body-secondary">
          Kept for this browser without an account. Change a rating by picking other stars; recommendations
          follow.
        </p>
        <p className="mb-0">
          <Link href="/import">Import your ratings</Link> from MovieLens.org, IMDb or Letterboxd.
        </p>
      </header>
      <RatingProgress count={total} />

      <section aria-labelledby="rated-heading">
        <h2 id="rated-heading" className="h4">
          Rated movies <span className="badge text-bg-secondary align-middle fs-6">{total}</span>
        </h2>
        {rated.pageCount > 1 && (
          <p className="small text-body-secondary">
            Showing {firstShown}–{firstShown + items.length - 1} of {total}, alphabetically (page {rated.page}{' '}
            of {rated.pageCount})
          </p>
        )}
        {items.length === 0 ? (
          <p>
            You have not rated any movies yet. <Link href="/">Rate a few movies you have seen</Link> to get
            recommendations.
          </p>
        ) : (
          <RatedMovieList items={items} />
        )}
        <PageLinks
          page={rated.page}
          pageCount={rated.pageCount}
          href={(page) => (page === 1 ? '/profile' : `/profile?page=${page}`)}
          label="Pages of your rated movies"
        />
      </section>

      <section aria-labelledby="hidden-heading">
        <h2 id="hidden-heading" className="h4">
          Not interested
        </h2>
        {hiddenMovies.length === 0 ? (
          <p className="text-body-secondary">
            Movies you mark “Not interested” are left out of your recommendations and listed here.
          </p>
        ) : (
          <>
            {hiddenIds.length > hiddenMovies.length && (
              <p className="small text-body-secondary">
                Showing {hiddenMovies.length} of {hiddenIds.length}, most recent first; undo some to see the
                others.
              </p>
            )}
            <ul className="list-group" aria-label="Movies you are not interested in">
              {hiddenMovies.map((movie) => (
                <li key={movie.id} className="list-group-item d-flex flex-wrap align-items-center gap-2">
                  <span className="me-auto">
                    <Link href={`/movies/${movie.id}`}>{displayTitle(movie.title)}</Link>{' '}
                    {movie.year !== null && <span className="text-body-secondary">({movie.year})</span>}
                  </span>
                  <HideMovieButton movieId={movie.id} title={movie.title} hidden />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <SkippedMovies
        movies={skippedMovies.map(({ id, title, year }) => ({ id, title, year }))}
        total={skippedIds.length}
      />

      {visitorId !== null && <ShareCodesSection visitorId={visitorId} ratedCount={total} />}
      {visitorId !== null && <ExportPanel />}
      <RestorePanel limitBytes={MAX_PROFILE_FILE_BYTES} limitText={MAX_PROFILE_FILE_TEXT} />

      {(total > 0 || hiddenIds.length > 0) && (
        <section aria-labelledby="start-over-heading" className="border-top pt-3">
          <h2 id="start-over-heading" className="h5">
            Start over
          </h2>
          <p className="text-body-secondary">
            Forget everything you rated here and begin with a fresh profile.
          </p>
          <StartOver ratingCount={total} hiddenCount={hiddenIds.length} />
        </section>
      )}
    </div>
  );
}
