'use server';

import { getDatabase } from '@/db/client';
import { deleteRating, upsertRating } from '@/lib/data/ratings';
import { ensureVisitorId, getVisitorId } from '@/lib/session';
import { existingMovieInput, MovieInput, RateMovieInput } from '@/lib/validation/movies';
import { revalidateVisitorPages } from './revalidate';
import { invalidInput } from './invalid-input';
import { NOT_SAVED, type ActionState } from './state';
import { allowWrite, RateLimitedError, TOO_MANY } from './write-limits';

/** Save the visitor's rating of a movie (creating their profile on the first one). FormData: movieId, rating. */
export async function rateMovie(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = RateMovieInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  const { movieId, rating } = parsed.data;
  try {
    const { db } = await getDatabase();
    const known = await existingMovieInput(db, RateMovieInput).safeParseAsync(parsed.data);
    if (!known.success) return invalidInput(known.error);
    const userId = await ensureVisitorId();
    await upsertRating(db, { userId, movieId, rating });
  } catch (error) {
    if (error instanceof RateLimitedError) return { status: 'error', message: TOO_MANY };
    console.error('[rateMovie]', error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidateVisitorPages(movieId);
  return { status: 'saved', message: `Saved: ${rating} stars.`, rating };
}

/** Remove the visitor's rating of a movie. FormData: movieId. */
export async function removeRating(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = MovieInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  const { movieId } = parsed.data;
  try {
    const userId = await getVisitorId();
    if (userId !== null) {
      const { db } = await getDatabase();
      await deleteRating(db, { userId, movieId });
    }
  } catch (error) {
    console.error('[removeRating]', error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidateVisitorPages(movieId);
  return { status: 'saved', message: 'Rating removed.', rating: null };
}
