/**
 * POST /api/profile/import — import an export file (MovieLens.org, IMDb, Letterboxd) into the visitor's profile,
 * the same import as the /import page, with the visitor cookie the site sets.
 *
 *   curl -b cookies -c cookies -F file=@ratings.csv 'http://localhost:3000/api/profile/import'            # report only
 *   curl -b cookies -c cookies --data-binary @letterboxd.zip 'http://localhost:3000/api/profile/import?confirm=1'
 *
 * Body: multipart/form-data with a `file` field (and optionally `confirm`, `choices`), or the file itself as the
 * raw body (`?name=ratings.csv` gives its name). Query or form: `confirm=1` (or `dryRun=0`) saves; without it
 * nothing is saved. `choices` is JSON {"<row key>": movieId | "skip"} resolving ambiguous rows (keys are in the
 * report); ambiguous rows without a choice are skipped.
 *   → 200 { "saved": boolean, "report": ImportReport (lib/profile-import/plan.ts) }
 * Errors: 400 { error, reason } for a file that cannot be imported (wrong format, not UTF-8, empty, bad row, ZIP
 * without the expected CSVs) or bad choices, 403 a form posted from another site, 413 over 5 MB, 429 too many writes,
 * 503 database unavailable.
 */
import { readLimited } from '@/lib/http/read-limited';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDatabase } from '@/db/client';
import { allowWrite, RateLimitedError, TOO_MANY } from '@/lib/actions/write-limits';
import { isCrossSiteRequest } from '@/lib/http/cross-site';
import { revalidateVisitorPages } from '@/lib/actions/revalidate';
import { loadImportCatalogue, loadVisitorState, saveProfileImport } from '@/lib/data/profile-import';
import { ImportFileError, MAX_IMPORT_BYTES, tooLarge } from '@/lib/profile-import/errors';
import { planImport } from '@/lib/profile-import/plan';
import { readExport } from '@/lib/profile-import/read-export';
import { ensureVisitorId, getVisitorId } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** Room for the multipart boundaries and the other fields around a file at the limit. */
const MULTIPART_OVERHEAD = 64 * 1024;

const Choices = z.record(
  z.string().max(300),
  z.union([z.literal('skip'), z.coerce.number().int().positive()]),
);
const Flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

function fail(status: number, error: string, reason?: string, headers?: Record<string, string>) {
  return NextResponse.json({ error, ...(reason ? { reason } : {}) }, { status, headers });
}

interface Upload {
  bytes: Uint8Array;
  name: string;
  fields: (name: string) => string | null;
}

async function readUpload(request: Request): Promise<Upload | Response> {
  const type = request.headers.get('content-type') ?? '';
  const multipart = type.startsWith('multipart/form-data');
  const limit = MAX_IMPORT_BYTES + (multipart ? MULTIPART_OVERHEAD : 0);
  if (Number(request.headers.get('content-length') ?? 0) > limit)
    return fail(413, tooLarge().message, 'too-large');
  const body = await readLimited(request, limit).catch(() => undefined);
  if (body === undefined) return fail(400, 'The upload could not be read.');
  if (body === null) return fail(413, tooLarge().message, 'too-large');
  const query = new URL(request.url).searchParams;
  if (!multipart)
    return { bytes: body, name: query.get('name') ?? 'upload.csv', fields: (name) => query.get(name) };
  const form = await new Response(body, { headers: { 'content-type': type } }).formData().catch(() => null);
  const file = form?.get('file');
  if (!form || !(file instanceof Blob)) return fail(400, 'Attach the export file as the form field "file".');
  if (file.size > MAX_IMPORT_BYTES) return fail(413, tooLarge().message, 'too-large');
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    name: 'name' in file && typeof file.name === 'string' && file.name ? file.name : 'upload.csv',
    fields: (name) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : query.get(name);
    },
  };
}

function parseOptions(upload: Upload): { confirm: boolean; choices: z.infer<typeof Choices> } | Response {
  const confirm = Flag.safeParse(upload.fields('confirm') ?? '0');
  const dryRun = Flag.safeParse(upload.fields('dryRun') ?? '1');
  if (!confirm.success || !dryRun.success) return fail(400, 'confirm and dryRun must be 0 or 1.');
  let choices: unknown = {};
  try {
    choices = JSON.parse(upload.fields('choices') ?? '{}');
  } catch {
    return fail(400, 'choices must be JSON: {"<row key>": movieId or "skip"}.');
  }
  const parsed = Choices.safeParse(choices);
  if (!parsed.success) return fail(400, 'choices must be JSON: {"<row key>": movieId or "skip"}.');
  return { confirm: confirm.data || !dryRun.data, choices: parsed.data };
}

export async function POST(request: Request): Promise<Response> {
  if (isCrossSiteRequest(request))
    return fail(
      403,
      'Imports come from this site’s own page or from a program, not from another site’s form.',
    );
  if (!(await allowWrite())) return fail(429, TOO_MANY, undefined, { 'Retry-After': '60' });
  const upload = await readUpload(request);
  if (upload instanceof Response) return upload;
  const options = parseOptions(upload);
  if (options instanceof Response) return options;
  let parsed;
  try {
    parsed = readExport(upload.bytes, upload.name);
  } catch (error) {
    if (error instanceof ImportFileError)
      return fail(error.reason === 'too-large' ? 413 : 400, error.message, error.reason);
    throw error;
  }
  try {
    const { db } = await getDatabase();
    const catalogue = await loadImportCatalogue(db);
    if (!options.confirm) {
      const state = await loadVisitorState(db, await getVisitorId());
      return NextResponse.json({
        saved: false,
        report: planImport(parsed, catalogue, state, options.choices),
      });
    }
    const userId = await ensureVisitorId();
    const report = await saveProfileImport(db, {
      userId,
      upload: parsed,
      catalogue,
      choices: options.choices,
    });
    revalidateVisitorPages();
    return NextResponse.json({ saved: true, report });
  } catch (error) {
    if (error instanceof RateLimitedError) return fail(429, TOO_MANY, undefined, { 'Retry-After': '60' });
    console.error('[api/profile/import]', error);
    return fail(503, 'Nothing was imported: we could not reach the database. Please try again.');
  }
}
