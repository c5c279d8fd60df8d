/**
 * GET /profile/export?format=csv|json|letterboxd — the visitor's profile as a download (lib/profile-export):
 * this site's CSV or JSON (which /profile can restore in another browser) or Letterboxd's import CSV.
 * A browser with no profile gets a file with no rows. 400 for an unknown format.
 */
import { getDatabase } from '@/db/client';
import { loadProfileExport } from '@/lib/data/profile-transfer';
import { toLetterboxdCsv, toSiteCsv, toSiteJson } from '@/lib/profile-export/write';
import type { ProfileExport } from '@/lib/profile-export/format';
import { getVisitorId } from '@/lib/session';

export const dynamic = 'force-dynamic';

const FORMATS = {
  csv: { write: toSiteCsv, type: 'text/csv; charset=utf-8', name: 'movielens-profile', extension: 'csv' },
  json: {
    write: toSiteJson,
    type: 'application/json; charset=utf-8',
    name: 'movielens-profile',
    extension: 'json',
  },
  letterboxd: {
    write: toLetterboxdCsv,
    type: 'text/csv; charset=utf-8',
    name: 'letterboxd-import',
    extension: 'csv',
  },
} as const;

export type ExportFormat = keyof typeof FORMATS;

export async function GET(request: Request): Promise<Response> {
  const format = new URL(request.url).searchParams.get('format') ?? 'csv';
  if (!Object.hasOwn(FORMATS, format))
    return new Response(`format must be one of ${Object.keys(FORMATS).join(', ')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const { write, type, name, extension } = FORMATS[format as ExportFormat];
  const visitorId = await getVisitorId();
  const { db } = await getDatabase();
  const profile: ProfileExport =
    visitorId === null
      ? { exportedAt: new Date(), ratings: [], marks: [] }
      : await loadProfileExport(db, visitorId);
  const day = profile.exportedAt.toISOString().slice(0, 10);
  return new Response(write(profile), {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${name}-${day}.${extension}"`,
      // A profile is private: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
