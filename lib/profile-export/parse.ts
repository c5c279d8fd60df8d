import { parse } from 'csv-parse/sync';
import { ExpectedError } from '@/lib/errors';
import { isRatingValue, RATING_SCALE_TEXT } from '@/lib/rating-scale';
import type { MovieMark } from '@/db/schema';
import {
  CSV_COLUMNS,
  CSV_HEADER,
  EXPORT_MARKS,
  FORMAT_VERSION,
  JSON_FORMAT,
  type RestoredProfile,
} from './format';

/**
 * Reads this site's profile export (format.ts), CSV or JSON, told apart by its content, never by the file name.
 * One module so that any page taking uploads (restore, movie night, later /import) detects the format the same
 * way. Every problem is a ProfileFileError whose message is the one line to show; nothing is partly read.
 */

/** Server actions take bodies up to 1 MB (lib/http/action-request.ts); this leaves room for the form around it. */
export const MAX_PROFILE_FILE_BYTES = 900 * 1024;
export const MAX_PROFILE_FILE_TEXT = '900 KB';

export class ProfileFileError extends ExpectedError {}

const NOT_OURS =
  `This is not an export from this site: expected our CSV (first line “${CSV_HEADER}”) ` +
  `or our JSON (with "format": "${JSON_FORMAT}"). Files from MovieLens.org, IMDb or Letterboxd go through Import.`;

/** The file's text: UTF-8 (a byte-order mark is dropped), at most MAX_PROFILE_FILE_BYTES. */
export function decodeProfileFile(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new ProfileFileError('The file is empty.');
  if (bytes.byteLength > MAX_PROFILE_FILE_BYTES)
    throw new ProfileFileError(`The file is too large: the limit is ${MAX_PROFILE_FILE_TEXT}.`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ProfileFileError(
      'The file is not UTF-8 text: export it again from this site and upload it unchanged.',
    );
  }
}

export function parseProfileFile(bytes: Uint8Array): RestoredProfile {
  const text = decodeProfileFile(bytes);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return parseJson(trimmed);
  const firstLine = trimmed.split(/\r?\n/, 1)[0]?.trim();
  if (firstLine === CSV_HEADER) return parseCsv(trimmed);
  throw new ProfileFileError(NOT_OURS);
}

type Row = { movieId: number; rating?: number; ratedAt?: Date; markedAt?: Date };

function movieIdOf(value: unknown, where: string): number {
  const id = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  // Past 2^31 - 1 it is no movie id the database can hold (an integer column).
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647)
    throw new ProfileFileError(`${where}: movieId must be a positive whole number.`);
  return id;
}

function ratingOf(value: unknown, where: string): number {
  const rating = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof rating !== 'number' || !isRatingValue(rating))
    throw new ProfileFileError(`${where}: the rating must be ${RATING_SCALE_TEXT}.`);
  return rating;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function timeOf(value: unknown, where: string, column: string): Date {
  const time = typeof value === 'string' && ISO_TIME.test(value) ? new Date(value) : null;
  if (!time || Number.isNaN(time.getTime()))
    throw new ProfileFileError(`${where}: ${column} must be a time like 2026-12-02T10:30:00.000Z.`);
  return time;
}

/** Shared by both spellings: one rating per movie and one of each mark per movie. */
class ProfileBuilder {
  readonly ratings: RestoredProfile['ratings'] = [];
  readonly marks: RestoredProfile['marks'] = [];
  private readonly seen = new Set<string>();

  rating(row: Row, where: string): void {
    this.once(`rating:${row.movieId}`, where, `movie ${row.movieId} is rated twice`);
    this.ratings.push({ movieId: row.movieId, rating: row.rating as number, ratedAt: row.ratedAt as Date });
  }

  mark(mark: MovieMark, row: Row, where: string): void {
    this.once(`${mark}:${row.movieId}`, where, `movie ${row.movieId} is on the ${mark} list twice`);
    this.marks.push({ movieId: row.movieId, mark, markedAt: row.markedAt as Date });
  }

  private once(key: string, where: string, problem: string): void {
    if (this.seen.has(key)) throw new ProfileFileError(`${where}: ${problem}.`);
    this.seen.add(key);
  }
}

function parseCsv(text: string): RestoredProfile {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: [...CSV_COLUMNS],
      from_line: 2,
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ProfileFileError(
      `The CSV is malformed${line ? ` near line ${line}` : ''}: ${(error as Error).message}`,
    );
  }
  const profile = new ProfileBuilder();
  records.forEach((record, index) => {
    const where = `Line ${index + 2}`;
    const movieId = movieIdOf(record.movieId, where);
    const kind = record.kind;
    if (kind === 'rating') {
      const ratedAt = timeOf(record.ratedAt, where, 'ratedAt');
      profile.rating({ movieId, rating: ratingOf(record.rating, where), ratedAt }, where);
    } else if ((EXPORT_MARKS as readonly string[]).includes(kind ?? '')) {
      profile.mark(
        kind as MovieMark,
        { movieId, markedAt: timeOf(record.markedAt, where, 'markedAt') },
        where,
      );
    } else {
      throw new ProfileFileError(
        `${where}: kind must be rating, ${EXPORT_MARKS.join(', ')} (found “${kind}”).`,
      );
    }
  });
  return { format: 'csv', ratings: profile.ratings, marks: profile.marks };
}

function listOf(body: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = body[key] ?? [];
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
  )
    throw new ProfileFileError(`The JSON's "${key}" must be a list of objects.`);
  return value as Record<string, unknown>[];
}

function parseJson(text: string): RestoredProfile {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ProfileFileError(`The JSON is malformed: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || (body as { format?: unknown }).format !== JSON_FORMAT)
    throw new ProfileFileError(NOT_OURS);
  const record = body as Record<string, unknown>;
  if (record.version !== FORMAT_VERSION)
    throw new ProfileFileError(
      `This export is version ${String(record.version)}; this site reads version ${FORMAT_VERSION}.`,
    );
  const profile = new ProfileBuilder();
  listOf(record, 'ratings').forEach((item, i) => {
    const where = `ratings[${i}]`;
    const movieId = movieIdOf(item.movieId, where);
    profile.rating(
      { movieId, rating: ratingOf(item.rating, where), ratedAt: timeOf(item.ratedAt, where, 'ratedAt') },
      where,
    );
  });
  for (const mark of EXPORT_MARKS) {
    listOf(record, mark).forEach((item, i) => {
      const where = `${mark}[${i}]`;
      profile.mark(
        mark,
        { movieId: movieIdOf(item.movieId, where), markedAt: timeOf(item.markedAt, where, 'markedAt') },
        where,
      );
    });
  }
  return { format: 'json', ratings: profile.ratings, marks: profile.marks };
}

/** A file field of a form (server actions): checked for size before it is read. */
export async function parseUploadedProfile(entry: FormDataEntryValue | null): Promise<RestoredProfile> {
  if (entry === null || typeof entry === 'string' || (entry.size === 0 && entry.name === ''))
    throw new ProfileFileError('Choose a file exported from this site (CSV or JSON).');
  if (entry.size > MAX_PROFILE_FILE_BYTES)
    throw new ProfileFileError(`The file is too large: the limit is ${MAX_PROFILE_FILE_TEXT}.`);
  return parseProfileFile(new Uint8Array(await entry.arrayBuffer()));
}
