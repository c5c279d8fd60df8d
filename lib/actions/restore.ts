'use server';

import { getDatabase } from '@/db/client';
import { previewRestore, restoreProfile, type RestorePreview } from '@/lib/data/profile-transfer';
import { parseUploadedProfile, ProfileFileError } from '@/lib/profile-export/parse';
import { ensureVisitorId, getVisitorId } from '@/lib/session';
import { revalidateVisitorPages } from './revalidate';
import type { RestoreState } from './restore-state';
import { allowWrite, RateLimitedError, TOO_MANY } from './write-limits';

/** At most this many unknown movie ids are listed (all are counted). */
const UNKNOWN_LISTED = 20;

function withPreview(preview: RestorePreview): Pick<RestoreState, 'preview'> {
  return {
    preview: {
      ...preview,
      unknownCount: preview.unknownMovieIds.length,
      unknownMovieIds: preview.unknownMovieIds.slice(0, UNKNOWN_LISTED),
    },
  };
}

/**
 * Restore step 1: read an export (FormData: file) and say what restoring it would change in this browser's
 * profile. Writes nothing.
 */
export async function checkRestoreFile(_previous: RestoreState, formData: FormData): Promise<RestoreState> {
  try {
    const profile = await parseUploadedProfile(formData.get('file'));
    const { db } = await getDatabase();
    const preview = await previewRestore(db, await getVisitorId(), profile);
    if (preview.ratings.total === 0 && preview.marks.new === 0 && preview.unknownMovieIds.length === 0)
      return {
        status: 'error',
        message: 'This export holds no ratings and no marks: there is nothing to restore.',
      };
    return { status: 'idle', message: 'Check what will change, then restore.', ...withPreview(preview) };
  } catch (error) {
    if (error instanceof ProfileFileError)
      return { status: 'error', message: `Nothing restored: ${error.message}` };
    console.error('[checkRestoreFile]', error);
    return {
      status: 'error',
      message: 'Nothing restored: we could not reach the database. Please try again.',
    };
  }
}

/**
 * Restore step 2: merge the export (FormData: file, the same file again) into this browser's profile, creating
 * one if needed, in one transaction: nothing is saved unless everything is.
 */
export async function restoreFromFile(_previous: RestoreState, formData: FormData): Promise<RestoreState> {
  if (!(await allowWrite())) return { status: 'error', message: TOO_MANY };
  let preview: RestorePreview;
  try {
    const profile = await parseUploadedProfile(formData.get('file'));
    const { db } = await getDatabase();
    preview = await restoreProfile(db, await ensureVisitorId(), profile);
  } catch (error) {
    if (error instanceof ProfileFileError)
      return { status: 'error', message: `Nothing restored: ${error.message}` };
    if (error instanceof RateLimitedError) return { status: 'error', message: TOO_MANY };
    console.error('[restoreFromFile]', error);
    return {
      status: 'error',
      message: 'Nothing restored: we could not reach the database. Please try again.',
    };
  }
  revalidateVisitorPages();
  const { ratings, marks } = preview;
  const written = ratings.new + ratings.newer;
  return {
    status: 'saved',
    message:
      written + marks.new === 0
        ? 'Nothing changed: this browser already had everything in the file.'
        : `Restored: ${written} ${written === 1 ? 'rating' : 'ratings'} and ${marks.new} ${marks.new === 1 ? 'mark' : 'marks'} saved.`,
    ...withPreview(preview),
  };
}
