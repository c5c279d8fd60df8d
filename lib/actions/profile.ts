'use server';

import { getDatabase } from '@/db/client';
import { deleteVisitor } from '@/lib/data/visitors';
import { forgetVisitor, getVisitorId } from '@/lib/session';
import { revalidateVisitorPages } from './revalidate';
import type { ActionState } from './state';

/**
 * Start over: delete the visitor's profile with all its ratings and hidden movies, and forget it in this browser.
 * The next rating creates a fresh profile under a new id, so nothing cached for the old one can leak into it.
 */
// Takes (state, form) like every other action although it needs neither: proxy.ts refuses any other argument shape
// (lib/http/action-request.ts).
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function startOver(_previous: ActionState, _form: FormData): Promise<ActionState> {
  try {
    const userId = await getVisitorId();
    if (userId !== null) {
      const { db } = await getDatabase();
      await deleteVisitor(db, userId);
    }
    await forgetVisitor();
  } catch (error) {
    console.error('[startOver]', error);
    return {
      status: 'error',
      message: 'Nothing was deleted: we could not reach the database. Please try again.',
    };
  }
  revalidateVisitorPages();
  return { status: 'saved', message: 'Your ratings and hidden movies were deleted. You can start again.' };
}
