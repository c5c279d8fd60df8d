import type { Metadata } from 'next';
import Link from 'next/link';
import { displayTitle } from '@/lib/display';
import { HideMovieButton } from '@/components/movies/hide-movie-button';
import { RatedMovieList } from '@/components/movies/rated-movie-list';
import { RatingProgress } from '@/components/movies/rating-progress';
import { SkippedMovies } from '@/components/rate-more/skipped-movies';
import { StartOver } from '@/components/rating/start-over';
import { getDatabase } from '@/db/client';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listMoviesByIds } from '@/lib/data/movies';
import { listUserRatings } from '@/lib/data/ratings';
import { getVisitorId } from '@/lib/session';

export const metadata: Metadata = { title: 'Your ratings' };

/** The visitor's ratings (edit, remove), their "not interested" list (undo), and starting over. */
export default async function ProfilePage() {
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const [ratings, hiddenIds, skippedIds] =
    visitorId === null
      ? [[], [], []]
      : await Promise.all([
          listUserRatings(db, visitorId),
          listMarkedMovieIds(db, visitorId, 'hidden'),
          listMarkedMovieIds(db, visitorId, 'unseen'),
        ]);
  const [ratedMovies, hiddenMovies, skippedMovies] = await Promise.all([
    listMoviesByIds(
      db,
      ratings.map((r) => r.movieId),
    ),
    listMoviesByIds(db, hiddenIds),
    listMoviesByIds(db, skippedIds),
  ]);
  const ratingOf = new Map(ratings.map((r) => [r.movieId, r.rating]));
  // Alphabetical, so that a row stays where it is while its rating is edited.
  const items = ratedMovies
    .map((movie) => ({ movie, rating: ratingOf.get(movie.id) ?? 0 }))
    .sort((a, b) => displayTitle(a.movie.title).localeCompare(displayTitle(b.movie.title)));

  return (
    <div className="d-flex flex-column gap-4">
      <header>
        <h1 className="h2">Your ratings</h1>
        <p className="mb-0 text-body-secondary">
          Kept for this browser without an account. Change a rating by picking other stars; recommendations
          follow.
        </p>
      </header>
      <RatingProgress count={items.length} />

      <section aria-labelledby="rated-heading">
        <h2 id="rated-heading" className="h4">
          Rated movies <span className="badge text-bg-secondary align-middle fs-6">{items.length}</span>
        </h2>
        {items.length === 0 ? (
          <p>
            You have not rated any movies yet. <Link href="/">Rate a few movies you have seen</Link> to get
            recommendations.
          </p>
        ) : (
          <RatedMovieList items={items} />
        )}
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
        )}
      </section>

      <SkippedMovies movies={skippedMovies.map(({ id, title, year }) => ({ id, title, year }))} />

      {(items.length > 0 || hiddenMovies.length > 0) && (
        <section aria-labelledby="start-over-heading" className="border-top pt-3">
          <h2 id="start-over-heading" className="h5">
            Start over
          </h2>
          <p className="text-body-secondary">
            Forget everything you rated here and begin with a fresh profile.
          </p>
          <StartOver ratingCount={items.length} hiddenCount={hiddenMovies.length} />
        </section>
      )}
    </div>
  );
}
