'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDatabase } from '@/db/client';
import { listRatedTitles } from '@/lib/data/rated-movies';
import { listUserRatings } from '@/lib/data/ratings';
import {
  createShareCode,
  formatShareCode,
  listActiveShareCodes,
  MAX_ACTIVE_SHARE_CODES,
  normalizeShareCode,
  revokeShareCode,
  SHARE_CODE_DAYS,
} from '@/lib/data/share-codes';
import { displayTitle, starsText } from '@/lib/display';
import { isRatingValue } from '@/lib/rating-scale';
import { getVisitorId } from '@/lib/session';
import { invalidInput } from './invalid-input';
import { NOT_SAVED, type ActionState } from './state';
import { allowWrite, TOO_MANY } from './write-limits';

const CreateShareCodeInput = z.object({
  days: z.coerce.number().refine((days) => (SHARE_CODE_DAYS as readonly number[]).includes(days), {
    message: `Choose how long the code works: ${SHARE_CODE_DAYS.join(', ')} days.`,
  }),
  minRating: z
    .union([
      z.literal(''),
      z.coerce.number().refine(isRatingValue, { message: 'Choose a minimum rating from the list.' }),
    ])
    .optional(),
  leaveOut: z.array(z.coerce.number().int().positive()).max(100_000),
});

/**
 * Creates a share code for a snapshot of the visitor's ratings (FormData: days; minRating, optional: only ratings
 * at or above it; leaveOut, repeated: movie ids not to share). Only movie ids and ratings are stored.
 */
export async function createShareCodeAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const parsed = CreateShareCodeInput.safeParse({
    days: formData.get('days'),
    minRating: formData.get('minRating') ?? undefined,
    leaveOut: formData.getAll('leaveOut'),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  const { days, minRating, leaveOut } = parsed.data;
  let created: string;
  let count: number;
  try {
    const ownerId = await getVisitorId();
    if (ownerId === null)
      return { status: 'error', message: 'Rate a few movies first: there is nothing to share yet.' };
    const { db } = await getDatabase();
    if ((await listActiveShareCodes(db, ownerId)).length >= MAX_ACTIVE_SHARE_CODES)
      return {
        status: 'error',
        message: `You have ${MAX_ACTIVE_SHARE_CODES} active codes, the most allowed: revoke one first.`,
      };
    const left = new Set(leaveOut);
    const ratings = (await listUserRatings(db, ownerId)).filter(
      (r) => !left.has(r.movieId) && (typeof minRating !== 'number' || r.rating >= minRating),
    );
    if (ratings.length === 0)
      return {
        status: 'error',
        message: 'No ratings left to share: lower the minimum or leave out fewer movies.',
      };
    const code = await createShareCode(db, { ownerId, ratings, days });
    created = formatShareCode(code.code);
    count = code.ratingCount;
  } catch (error) {
    console.error('[createShareCode]', error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidatePath('/profile');
  return {
    status: 'saved',
    message: `Share code ${created} created: ${count} ${count === 1 ? 'rating' : 'ratings'}, for ${days} ${days === 1 ? 'day' : 'days'}.`,
  };
}

/** Revokes one of the visitor's share codes (FormData: code). */
export async function revokeShareCodeAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const code = normalizeShareCode(String(formData.get('code') ?? ''));
  if (code === null) return { status: 'error', message: 'That is not a share code.' };
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  try {
    const ownerId = await getVisitorId();
    const { db } = await getDatabase();
    const revoked = ownerId !== null && (await revokeShareCode(db, { ownerId, code }));
    if (!revoked) return { status: 'error', message: `Code ${formatShareCode(code)} was not active.` };
  } catch (error) {
    console.error('[revokeShareCode]', error);
    return { status: 'error', message: NOT_SAVED };
  }
  revalidatePath('/profile');
  return { status: 'saved', message: `Code ${formatShareCode(code)} revoked: it no longer works.` };
}

/** A rating as the share form's "leave out" list shows it. */
export interface ShareableRating {
  movieId: number;
  /** As shown: "The Matrix (1999)". */
  label: string;
  /** "4.5★". */
  stars: string;
}

/**
 * The visitor's ratings for the share form's "leave out" list, alphabetically. Loaded when the visitor opens that
 * list rather than with every /profile: for a visitor who rated the catalogue it is ~10k checkboxes, which made
 * each /profile 3.9 MB and ~300 ms of the server's one thread.
 */
// Takes (state, form) like every other action although it needs neither: proxy.ts refuses any other argument shape
// (lib/http/action-request.ts).
export async function listShareableRatingsAction(
  /* eslint-disable @typescript-eslint/no-unused-vars */
  _previous: ActionState,
  _form: FormData,
  /* eslint-enable @typescript-eslint/no-unused-vars */
): Promise<ShareableRating[]> {
  const visitorId = await getVisitorId();
  if (visitorId === null) return [];
  const { db } = await getDatabase();
  return (await listRatedTitles(db, visitorId)).map(({ movieId, title, year, rating }) => ({
    movieId,
    label: year !== null ? `${displayTitle(title)} (${year})` : displayTitle(title),
    stars: starsText(rating),
  }));
}
