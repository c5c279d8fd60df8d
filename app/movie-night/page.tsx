import type { Metadata } from 'next';
import { MovieNightPlanner } from '@/components/movie-night/movie-night-planner';
import { getDatabase } from '@/db/client';
import { listGenres } from '@/lib/data/movies';
import { listUserRatings } from '@/lib/data/ratings';
import { MAX_PEOPLE, MIN_PEOPLE } from '@/lib/actions/movie-night-state';
import { PREDICTION_MIN_RATINGS } from '@/lib/recsys/model-specs';
import { MAX_PROFILE_FILE_BYTES, MAX_PROFILE_FILE_TEXT } from '@/lib/profile-export/parse';
import { getVisitorId } from '@/lib/session';

export const metadata: Metadata = { title: 'Movie night' };

/** Movie night: 2–6 people bring their tastes; movies none of them has seen, ranked for the group. */
export default async function MovieNightPage() {
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const [genres, ratings] = await Promise.all([
    listGenres(db),
    visitorId === null ? [] : listUserRatings(db, visitorId),
  ]);
  return (
    <div className="d-flex flex-column gap-4">
      <header>
        <h1 className="h2">Movie night</h1>
        <p className="mb-0 text-body-secondary">
          {MIN_PEOPLE} to {MAX_PEOPLE} people, each with their own taste: yours from this browser, a friend’s
          share code (made on their “Your ratings” page), or an export file. We suggest movies none of you has
          rated, with what each of you would probably think of them.
        </p>
      </header>
      <MovieNightPlanner
        ownRatingCount={ratings.length}
        genres={genres.map((g) => g.genre)}
        fewRatings={PREDICTION_MIN_RATINGS}
        fileLimitBytes={MAX_PROFILE_FILE_BYTES}
        fileLimitText={MAX_PROFILE_FILE_TEXT}
      />
    </div>
  );
}
