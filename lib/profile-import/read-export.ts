import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { ImportFileError, MAX_IMPORT_BYTES, tooLarge } from './errors';
import { BadRow, detectFormat, FORMAT_NAMES, type Row } from './formats';
import { noSkips, type ImportEntry, type ParsedFile, type SkippedRows } from './types';

/** What one upload holds: the files read (a ZIP may give several) and their rows. */
export interface ParsedUpload {
  files: { name: string; format: string; label: string }[];
  entries: ImportEntry[];
  skipped: SkippedRows;
}

/** Letterboxd's export, by the names it gives its files at the top of the ZIP. */
const LETTERBOXD_ZIP_FILES = ['ratings.csv', 'diary.csv', 'watchlist.csv'];
/** The files read from a ZIP may unpack to at most this in all (a few times the upload limit: CSV compresses ~4:1). */
const MAX_UNZIPPED_BYTES = 4 * MAX_IMPORT_BYTES;
/**
 * Rows an upload may hold: far past any film fan's history (an IMDb export of 10,000 ratings), and a bound on the
 * report, which lists every row (a title-only row can match dozens of movies).
 */
export const MAX_IMPORT_ROWS = 25_000;

const isZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads an uploaded export: a CSV of a known format, or Letterboxd's ZIP. Throws ImportFileError for a bad file. */
export function readExport(bytes: Uint8Array, fileName: string): ParsedUpload {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge();
  if (bytes.byteLength === 0) throw new ImportFileError('The file is empty.', 'empty');
  const parsed = isZip(bytes) ? readZip(bytes) : [readCsv(bytes, baseName(fileName))];
  const rows = parsed.reduce((sum, file) => sum + file.entries.length, 0);
  if (rows > MAX_IMPORT_ROWS)
    throw new ImportFileError(
      `The file has ${rows.toLocaleString('en')} rows: imports are limited to ${MAX_IMPORT_ROWS.toLocaleString('en')}.`,
      'too-large',
    );
  return {
    files: parsed.map(({ name, format, label }) => ({ name, format, label })),
    entries: parsed.flatMap((file) => file.entries),
    skipped: mergeSkips(parsed.map((file) => file.skipped)),
  };
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || 'upload.csv';
}

function readZip(bytes: Uint8Array): (ParsedFile & { name: string })[] {
  let files: Record<string, Uint8Array>;
  // A ZIP bomb could repeat a wanted name (in other cases) many times, each entry under the limit: count every
  // entry kept against one limit, and keep each name once.
  let unzipped = 0;
  const kept = new Set<string>();
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const name = file.name.toLowerCase();
        if (!LETTERBOXD_ZIP_FILES.includes(name) || kept.has(name)) return false;
        unzipped += file.originalSize;
        if (unzipped > MAX_UNZIPPED_BYTES) throw tooLarge();
        kept.add(name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('The ZIP file is damaged and cannot be opened.', 'zip-contents');
  }
  const byName = new Map(Object.entries(files).map(([name, data]) => [name.toLowerCase(), { name, data }]));
  // ratings.csv holds each film's current rating; the diary repeats them by viewing, so it is read only without it.
  const chosen = ['ratings.csv', byName.has('ratings.csv') ? null : 'diary.csv', 'watchlist.csv']
    .map((name) => (name ? byName.get(name) : undefined))
    .filter((file) => file !== undefined);
  if (chosen.length === 0)
    throw new ImportFileError(
      'The ZIP holds no ratings.csv, diary.csv or watchlist.csv at its top level: upload the ZIP Letterboxd ' +
        'exports (Settings → Data → Export your data) unchanged.',
      'zip-contents',
    );
  return chosen.map(({ name, data }) => readCsv(data, name));
}

function decode(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFileError(
      `${name} is not UTF-8 text: upload the file as the site exported it (a spreadsheet may have saved it in another encoding).`,
      'not-utf8',
    );
  }
}

function readCsv(bytes: Uint8Array, name: string): ParsedFile & { name: string } {
  const text = decode(bytes, name);
  if (!text.trim()) throw new ImportFileError(`${name} is empty.`, 'empty');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError(
      `${name} is not a readable CSV file${line ? ` (line ${line})` : ''}.`,
      'unknown-format',
    );
  }
  const [head, ...rows] = records;
  const header = (head?.record ?? []).map((column) => column.trim().toLowerCase());
  const format = detectFormat(header, name);
  if (!format)
    throw new ImportFileError(
      `${name} has no header this site recognises: upload ${FORMAT_NAMES}.`,
      'unknown-format',
    );
  const entries: ImportEntry[] = [];
  const skipped = noSkips();
  for (const { record, info } of rows) {
    const row: Row = {
      key: `${name}:${info.lines}`,
      get: (column) => record[header.indexOf(column)] ?? '',
    };
    try {
      const read = format.read(row);
      if ('skip' in read) {
        if (read.skip === 'notMovies') {
          const type = read.detail ?? 'other';
          skipped.notMovies[type] = (skipped.notMovies[type] ?? 0) + 1;
        } else skipped[read.skip] += 1;
      } else entries.push(read);
    } catch (error) {
      if (!(error instanceof BadRow)) throw error;
      throw new ImportFileError(
        `${name}, line ${info.lines}: ${error.message}. Nothing was imported.`,
        'bad-row',
      );
    }
  }
  return { name, format: format.id, label: format.label, entries, skipped };
}

function mergeSkips(all: SkippedRows[]): SkippedRows {
  const merged = noSkips();
  for (const skips of all) {
    merged.unrated += skips.unrated;
    for (const [type, count] of Object.entries(skips.notMovies))
      merged.notMovies[type] = (merged.notMovies[type] ?? 0) + count;
  }
  return merged;
}
