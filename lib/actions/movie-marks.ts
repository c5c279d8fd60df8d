'use server';

import { z } from 'zod';
import { getDatabase } from '@/db/client';
import { addMovieMarks, removeMovieMark, removeMovieMarks, type MovieMark } from '@/lib/data/movie-marks';
import { ensureVisitorId, getVisitorId } from '@/lib/session';
import { existingMovieInput, MovieInput } from '@/lib/validation/movies';
import { revalidateVisitorPages } from './revalidate';
import { invalidInput } from './invalid-input';
import { NOT_SAVED, type ActionState } from './state';
import { allowWrite, RateLimitedError, TOO_MANY } from './write-limits';

/** The watchlist and "haven't seen it" (the "not interested" mark has its own actions in hidden.ts). */

const WatchlistInput = MovieInput.extend({
  want: z.enum(['on', 'off'], { error: 'Say whether to add the movie to your watchlist or take it off.' }),
});

/** Puts a mark on a movie that exists, creating the visitor's profile if needed. */
async function mark(
  tag: string,
  mark: MovieMark,
  input: { movieId: number },
  saved: string,
): Promise<ActionState> {
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  try {
    const { db } = await getDatabase();
    const known = await existingMovieInput(db, MovieInput).safeParseAsync(input);
    if (!known.success) return invalidInput(known.error);
    const userId = await ensureVisitorId();
    await addMovieMarks(db, { userId, mark, movieIds: [input.movieId] });
  } catch (error) {
    if (error instanceof RateLimitedError) return { status: 'error', message: TOO_MANY };
    console.error(`[${tag}]`, error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidateVisitorPages(input.movieId);
  return { status: 'saved', message: saved };
}

/** Takes a mark off (without a profile there is nothing to take off, and none is created). */
async function unmark(
  tag: string,
  mark: MovieMark,
  movieId: number | null,
  saved: string,
): Promise<ActionState> {
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  try {
    const userId = await getVisitorId();
    if (userId !== null) {
      const { db } = await getDatabase();
      if (movieId === null) await removeMovieMarks(db, { userId, mark });
      else await removeMovieMark(db, { userId, movieId, mark });
    }
  } catch (error) {
    console.error(`[${tag}]`, error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidateVisitorPages(movieId ?? undefined);
  return { status: 'saved', message: saved };
}

/** "Want to watch" on or off. FormData: movieId, want ('on' | 'off'). */
export async function setWatchlist(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = WatchlistInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  const { movieId, want } = parsed.data;
  return want === 'on'
    ? mark('addToWatchlist', 'watchlist', { movieId }, 'Added to your watchlist.')
    : unmark('removeFromWatchlist', 'watchlist', movieId, 'Taken off your watchlist.');
}

/** "Haven't seen it": the start page no longer offers the movie for rating. FormData: movieId. */
export async function skipMovie(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = MovieInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  return mark('skipMovie', 'unseen', parsed.data, 'Skipped: it will not be offered for rating again.');
}

/** Undo "haven't seen it" for one movie (FormData: movieId) or, with no movieId, for every skipped movie. */
export async function unskipMovies(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!formData.has('movieId')) {
    return unmark('unskipMovies', 'unseen', null, 'Every skipped movie can be offered for rating again.');
  }
  const parsed = MovieInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  return unmark('unskipMovies', 'unseen', parsed.data.movieId, 'It can be offered for rating again.');
}
