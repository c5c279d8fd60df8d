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

/** A user's ratings, most recent first. Large profiles are served from memory while unchanged (see below). */
export async function listUserRatings(db: Kysely<DB>, userId: number): Promise<UserRating[]> {
  const byUser = largeProfiles.get(db);
  const held = byUser?.get(userId);
  // The fingerprint is taken before the rows: a write in between makes it stale, hence a re-read next time, never
  // stale rows served as current.
  const fingerprint = held ? await profileFingerprint(db, userId) : null;
  if (held && held.ratings && fingerprint === held.fingerprint) {
    remember(db, userId, held);
    return held.ratings;
  }
  const rows = await db
    .selectFrom('ratings')
    .select(['movie_id', 'rating', 'rated_at'])
    .where('user_id', '=', userId)
    .orderBy('rated_at', 'desc')
    .orderBy('movie_id')
    .execute();
  const ratings = rows.map(toUserRating);
  if (ratings.length >= LARGE_PROFILE) {
    // A first large read has no fingerprint from before it: only note the profile, keep its rows from the next read.
    remember(db, userId, fingerprint === null ? { fingerprint: '', ratings: null } : { fingerprint, ratings: Object.freeze(ratings) as UserRating[] });
  } else if (held) byUser?.delete(userId);
  return ratings;
}

/**
 * Reading thousands of rating rows costs 80–250 ms of embedded PGlite's one thread (turning rows into JavaScript
 * objects, not finding them), and every page of a visitor who rated the catalogue needs them, which stalled every
 * other visitor. So profiles of LARGE_PROFILE ratings or more are kept in memory (the last few visitors) and
 * reused while a fingerprint the database computes without returning rows is unchanged: every write sets
 * rated_at to now() and adds, removes or changes a rating, so it moves the count, the latest time or the sums.
 * Small profiles are read as before: for them the fingerprint would cost as much as the rows.
 */
const LARGE_PROFILE = 500;
const PROFILES_KEPT = 16;
interface HeldProfile {
  fingerprint: string;
  /** Null until a read with a fingerprint taken before it. Frozen: every caller gets the same array. */
  ratings: UserRating[] | null;
}
const largeProfiles = new WeakMap<Kysely<DB>, Map<number, HeldProfile>>();

async function profileFingerprint(db: Kysely<DB>, userId: number): Promise<string> {
  const row = await sql<{ n: string | number; latest: Date | string | null; total: unknown; weighted: unknown }>`
    SELECT count(*) AS n, max(rated_at) AS latest, sum(rating) AS total, sum(rating * movie_id) AS weighted
    FROM ratings WHERE user_id = ${userId}`.execute(db);
  const { n, latest, total, weighted } = row.rows[0] ?? { n: 0, latest: null, total: null, weighted: null };
  return `${n}|${latest instanceof Date ? latest.getTime() : latest}|${total}|${weighted}`;
}

function remember(db: Kysely<DB>, userId: number, profile: HeldProfile): void {
  let byUser = largeProfiles.get(db);
  if (!byUser) largeProfiles.set(db, (byUser = new Map()));
  byUser.delete(userId); // re-inserted last: the Map's order is the order of use
  byUser.set(userId, profile);
  for (const oldest of byUser.keys()) {
    if (byUser.size <= PROFILES_KEPT) break;
    byUser.delete(oldest);
  }
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

