'use server';

import { getDatabase } from '@/db/client';
import { addMovieMarks, removeMovieMark } from '@/lib/data/movie-marks';
import { ensureVisitorId, getVisitorId } from '@/lib/session';
import { existingMovieInput, MovieInput } from '@/lib/validation/movies';
import { revalidateVisitorPages } from './revalidate';
import { invalidInput } from './invalid-input';
import { NOT_SAVED, type ActionState } from './state';
import { allowWrite, RateLimitedError, TOO_MANY } from './write-limits';

/** "Not interested": leave a movie out of the visitor's recommendations. FormData: movieId. */
export async function hideMovie(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = MovieInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  const { movieId } = parsed.data;
  try {
    const { db } = await getDatabase();
    const known = await existingMovieInput(db, MovieInput).safeParseAsync(parsed.data);
    if (!known.success) return invalidInput(known.error);
    const userId = await ensureVisitorId();
    await addMovieMarks(db, { userId, mark: 'hidden', movieIds: [movieId] });
  } catch (error) {
    if (error instanceof RateLimitedError) return { status: 'error', message: TOO_MANY };
    console.error('[hideMovie]', error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidateVisitorPages(movieId);
  return { status: 'saved', message: 'Hidden: it will not be recommended to you.' };
}

/** Undo "not interested". FormData: movieId. */
export async function unhideMovie(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = MovieInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  const { movieId } = parsed.data;
  try {
    const userId = await getVisitorId();
    if (userId !== null) {
      const { db } = await getDatabase();
      await removeMovieMark(db, { userId, movieId, mark: 'hidden' });
    }
  } catch (error) {
    console.error('[unhideMovie]', error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidateVisitorPages(movieId);
  return { status: 'saved', message: 'It can be recommended to you again.' };
}
