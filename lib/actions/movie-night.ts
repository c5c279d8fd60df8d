'use server';

import { getDatabase } from '@/db/client';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listUserRatings } from '@/lib/data/ratings';
import { findSharedRatings, normalizeShareCode } from '@/lib/data/share-codes';
import { ExpectedError } from '@/lib/errors';
import { planMovieNight, type MovieNightPerson } from '@/lib/movie-night/plan';
import { parseUploadedProfile } from '@/lib/profile-export/parse';
import { getVisitorId } from '@/lib/session';
import {
  MAX_PEOPLE,
  MIN_PEOPLE,
  PERSON_SOURCES,
  type MovieNightState,
  type PersonSource,
} from './movie-night-state';
import { allowWrite, TOO_MANY } from './write-limits';

const MAX_NAME = 40;
/** Form rows beyond this are not looked at (the form never sends more than MAX_PEOPLE). */
const MAX_ROWS = 12;

async function resolvePerson(formData: FormData, i: number, source: PersonSource): Promise<MovieNightPerson> {
  const { db } = await getDatabase();
  const name =
    String(formData.get(`name-${i}`) ?? '')
      .trim()
      .slice(0, MAX_NAME) || `Person ${i + 1}`;
  if (source === 'mine') {
    const visitorId = await getVisitorId();
    if (visitorId === null)
      throw new ExpectedError('this browser has no ratings yet: rate a few movies first.');
    const [ratings, hidden] = await Promise.all([
      listUserRatings(db, visitorId),
      listMarkedMovieIds(db, visitorId, 'hidden'),
    ]);
    return { name, ratings, hidden };
  }
  if (source === 'code') {
    const typed = String(formData.get(`code-${i}`) ?? '');
    const code = normalizeShareCode(typed);
    if (code === null)
      throw new ExpectedError('a share code has 12 letters and digits, like ABCD-EFGH-JKMN.');
    const ratings = await findSharedRatings(db, code);
    // One answer for unknown, expired and revoked codes: nothing tells a guesser which codes once existed.
    if (ratings === null)
      throw new ExpectedError(
        'this share code does not work: it may have expired, been revoked or been mistyped.',
      );
    return { name, ratings, hidden: [] };
  }
  const profile = await parseUploadedProfile(formData.get(`file-${i}`));
  return {
    name,
    ratings: profile.ratings.map(({ movieId, rating }) => ({ movieId, rating })),
    hidden: profile.marks.filter((m) => m.mark === 'hidden').map((m) => m.movieId),
  };
}

/**
 * Movie night: FormData holds rows `source-<i>` (mine | code | file) with `name-<i>` and `code-<i>` or `file-<i>`,
 * and an optional `genre`. Answers every candidate with each person's predicted rating; the page ranks them.
 */
export async function planMovieNightAction(
  _previous: MovieNightState,
  formData: FormData,
): Promise<MovieNightState> {
  const rows: { i: number; source: PersonSource }[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const source = formData.get(`source-${i}`);
    if ((PERSON_SOURCES as readonly unknown[]).includes(source))
      rows.push({ i, source: source as PersonSource });
  }
  if (rows.length < MIN_PEOPLE)
    return { status: 'error', message: `A movie night needs at least ${MIN_PEOPLE} people: add someone.` };
  if (rows.length > MAX_PEOPLE)
    return { status: 'error', message: `A movie night is for at most ${MAX_PEOPLE} people.` };
  if (rows.filter((row) => row.source === 'mine').length > 1)
    return { status: 'error', message: 'Only one person can bring this browser’s profile.' };
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  const genre = String(formData.get('genre') ?? '').slice(0, 40) || undefined;

  try {
    const personErrors: Record<number, string> = {};
    const people: MovieNightPerson[] = [];
    for (const [position, row] of rows.entries()) {
      try {
        people.push(await resolvePerson(formData, row.i, row.source));
      } catch (error) {
        if (!(error instanceof ExpectedError)) throw error;
        personErrors[position] = error.message.charAt(0).toUpperCase() + error.message.slice(1);
      }
    }
    if (Object.keys(personErrors).length > 0) {
      const first = Number(Object.keys(personErrors)[0]);
      return {
        status: 'error',
        message: `Person ${first + 1}: ${personErrors[first]}`,
        personErrors,
      };
    }
    const { db } = await getDatabase();
    const plan = await planMovieNight(db, people, { genre });
    if (plan.movies.length === 0)
      return {
        status: 'error',
        message: 'No movie is left that none of you has rated or hidden. Try another genre.',
      };
    return { status: 'saved', message: `${plan.movies.length} movies none of you has rated.`, plan };
  } catch (error) {
    if (error instanceof ExpectedError) return { status: 'error', message: error.message };
    console.error('[planMovieNight]', error);
    return {
      status: 'error',
      message: 'We could not plan the movie night: the database did not answer. Please try again.',
    };
  }
}
