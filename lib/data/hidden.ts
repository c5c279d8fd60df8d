import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** Movies the user marked "not interested", most recently hidden first. */
export async function listHiddenMovieIds(db: Kysely<DB>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('hidden_movies')
    .select('movie_id')
    .where('user_id', '=', userId)
    .orderBy('hidden_at', 'desc')
    .orderBy('movie_id')
    .execute();
  return rows.map((row) => row.movie_id);
}

/** Mark a movie "not interested"; hiding it again keeps the first time. */
export async function insertHiddenMovie(db: Kysely<DB>, input: { userId: number; movieId: number }): Promise<void> {
  await db
    .insertInto('hidden_movies')
    .values({ user_id: input.userId, movie_id: input.movieId })
    .onConflict((oc) => oc.columns(['user_id', 'movie_id']).doNothing())
    .execute();
}

/** Undo "not interested"; true when the movie was hidden. */
export async function deleteHiddenMovie(db: Kysely<DB>, input: { userId: number; movieId: number }): Promise<boolean> {
  const result = await db
    .deleteFrom('hidden_movies')
    .where('user_id', '=', input.userId)
    .where('movie_id', '=', input.movieId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
