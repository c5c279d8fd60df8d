import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { MARKS_CLEARED_BY_RATING } from './movie-marks';

export interface UserRating {
  movieId: number;
  rating: number;
  ratedAt: Date;
}

/** The one place rating rows become UserRating. */
function toUserRating(row: { movie_id: number; rating: number; rated_at: Date }): UserRating {
  return { movieId: row.movie_id, rating: Number(row.rating), ratedAt: row.rated_at };
}

/** A user's ratings, most recent first. */
export async function listUserRatings(db: Kysely<DB>, userId: number): Promise<UserRating[]> {
  const rows = await db
    .selectFrom('ratings')
    .select(['movie_id', 'rating', 'rated_at'])
    .where('user_id', '=', userId)
    .orderBy('rated_at', 'desc')
    .orderBy('movie_id')
    .execute();
  return rows.map(toUserRating);
}

/**
 * Insert or replace the user's rating of a movie (0.5..5 in half steps; the CHECK constraint enforces it), and take
 * the movie off the user's watchlist and "haven't seen it" list.
 * "Last write wins" by rating time: `ratedAt` (default: the database clock when the statement runs) only
 * replaces a stored rating that is not newer, so two saves of one movie racing on different connections end
 * with the later-stamped one whatever order their updates reach the row in (ties: the one applied last).
 */
export async function upsertRating(
  db: Kysely<DB>,
  input: { userId: number; movieId: number; rating: number; ratedAt?: Date },
): Promise<void> {
  // One statement, so the rating and the watchlist never disagree: rating a movie takes it off the watchlist
  // and out of "haven't seen it".
  await db
    .with('cleared', (qc) =>
      qc
        .deleteFrom('movie_marks')
        .where('user_id', '=', input.userId)
        .where('movie_id', '=', input.movieId)
        .where('mark', 'in', MARKS_CLEARED_BY_RATING),
    )
    .insertInto('ratings')
    .values({ user_id: input.userId, movie_id: input.movieId, rating: input.rating, rated_at: input.ratedAt ?? sql<Date>`now()` })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'movie_id'])
        .doUpdateSet((eb) => ({ rating: eb.ref('excluded.rating'), rated_at: eb.ref('excluded.rated_at') }))
        .where('ratings.rated_at', '<=', (eb) => eb.ref('excluded.rated_at')),
    )
    .execute();
}

/** Remove one rating; true when there was one. */
export async function deleteRating(db: Kysely<DB>, input: { userId: number; movieId: number }): Promise<boolean> {
  const result = await db
    .deleteFrom('ratings')
    .where('user_id', '=', input.userId)
    .where('movie_id', '=', input.movieId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface HistogramBin {
  /** 0.5, 1, ..., 5 */
  rating: number;
  count: number;
}

/** How many ratings a movie got at each of the ten half-star values (empty values included, as 0). */
export async function listRatingHistogram(db: Kysely<DB>, movieId: number): Promise<HistogramBin[]> {
  const rows = await db
    .selectFrom('ratings')
    .select((eb) => ['rating', eb.fn.countAll().as('n')])
    .where('movie_id', '=', movieId)
    .groupBy('rating')
    .execute();
  const counts = new Map(rows.map((row) => [Number(row.rating), Number(row.n)]));
  return Array.from({ length: 10 }, (_, i) => {
    const rating = (i + 1) / 2;
    return { rating, count: counts.get(rating) ?? 0 };
  });
}
