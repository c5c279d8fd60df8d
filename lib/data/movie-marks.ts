import type { Kysely } from 'kysely';
import type { DB, MovieMark } from '@/db/schema';

export type { MovieMark };

/**
 * What each mark means, in one place:
 * - `hidden`: "not interested", left out of the visitor's recommendations until they undo it;
 * - `watchlist`: "want to watch", kept on the watchlist page; rating the movie takes it off (see upsertRating);
 * - `unseen`: "haven't seen it", skipped for good when the visitor rates movies on the start page; rating it takes
 *   it off too.
 */
export const MOVIE_MARKS = ['hidden', 'watchlist', 'unseen'] as const satisfies readonly MovieMark[];

/** Marks that a rating of the movie makes moot. */
export const MARKS_CLEARED_BY_RATING = ['watchlist', 'unseen'] as const satisfies readonly MovieMark[];

export interface MarkedMovie {
  movieId: number;
  mark: MovieMark;
  markedAt: Date;
}

/** The movies a visitor put one mark on, most recently marked first. */
export async function listMarkedMovieIds(db: Kysely<DB>, userId: number, mark: MovieMark): Promise<number[]> {
  const rows = await db
    .selectFrom('movie_marks')
    .select('movie_id')
    .where('user_id', '=', userId)
    .where('mark', '=', mark)
    .orderBy('marked_at', 'desc')
    .orderBy('movie_id')
    .execute();
  return rows.map((row) => row.movie_id);
}

/** Every mark of a visitor (for export), most recent first. */
export async function listMovieMarks(db: Kysely<DB>, userId: number): Promise<MarkedMovie[]> {
  const rows = await db
    .selectFrom('movie_marks')
    .select(['movie_id', 'mark', 'marked_at'])
    .where('user_id', '=', userId)
    .orderBy('marked_at', 'desc')
    .orderBy('mark')
    .orderBy('movie_id')
    .execute();
  return rows.map((row) => ({ movieId: row.movie_id, mark: row.mark, markedAt: row.marked_at }));
}

/**
 * Puts one mark on movies; a movie already marked keeps its first time (so re-importing a watchlist changes
 * nothing). Returns how many marks are new.
 */
export async function addMovieMarks(
  db: Kysely<DB>,
  input: { userId: number; mark: MovieMark; movieIds: readonly number[]; markedAt?: Date },
): Promise<number> {
  if (input.movieIds.length === 0) return 0;
  const result = await db
    .insertInto('movie_marks')
    .values(
      [...new Set(input.movieIds)].map((movieId) => ({
        user_id: input.userId,
        movie_id: movieId,
        mark: input.mark,
        ...(input.markedAt ? { marked_at: input.markedAt } : {}),
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'mark', 'movie_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Takes one mark off a movie; true when it was there. */
export async function removeMovieMark(
  db: Kysely<DB>,
  input: { userId: number; movieId: number; mark: MovieMark },
): Promise<boolean> {
  const result = await db
    .deleteFrom('movie_marks')
    .where('user_id', '=', input.userId)
    .where('mark', '=', input.mark)
    .where('movie_id', '=', input.movieId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Takes one mark off every movie of a visitor ("undo all"); returns how many were taken off. */
export async function removeMovieMarks(db: Kysely<DB>, input: { userId: number; mark: MovieMark }): Promise<number> {
  const result = await db
    .deleteFrom('movie_marks')
    .where('user_id', '=', input.userId)
    .where('mark', '=', input.mark)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
