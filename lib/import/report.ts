import { DatabaseStartupError } from '@/db/client';
import { getEnv, projectPath } from '@/lib/env';
import type { ImportCounts, ImportProgress, ImportResult } from './import-movielens';

/** Terminal lines for an import, shared by `npm run db:import` and first-start auto-import. */

const number = new Intl.NumberFormat('en-US');

export function formatProgress(event: ImportProgress): string {
  const rows = number.format(event.rows).padStart(8);
  if (event.step === 'reading') return `  reading ${event.file.padEnd(11)} ${rows} rows so far`;
  return event.step === 'parsed'
    ? `  checked ${event.file.padEnd(11)} ${rows} rows (${Math.round(event.ms)} ms)`
    : `  loaded  ${event.table.padEnd(11)} ${rows} rows (${Math.round(event.ms)} ms)`;
}

export function formatCounts(counts: ImportCounts): string {
  return (
    `${number.format(counts.movies)} movies, ${number.format(counts.links)} links, ${number.format(counts.ratings)} ratings, ` +
    `${number.format(counts.tags)} tags, ${number.format(counts.users)} users`
  );
}

export function formatResult(result: ImportResult, ms: number): string {
  const version = `data version ${result.dataVersion.slice(0, 12)}…`;
  if (result.action === 'unchanged')
    return `Already imported (same ${version}): nothing to do. ${formatCounts(result.counts)}.`;
  const verb = result.action === 'replaced' ? 'Replaced the MovieLens data with' : 'Imported';
  return `${verb} ${formatCounts(result.counts)} in ${(ms / 1000).toFixed(1)} s (${version}).`;
}

/** Where the app's database is, for messages; never prints a password. */
export function describeDatabaseTarget(): string {
  const env = getEnv();
  if (!env.DATABASE_URL) return `embedded PGlite in ${projectPath(env.PGLITE_DATA_DIR)}`;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

/**
 * One line for a database that cannot be reached (server down, unknown host or database, bad password), or
 * undefined when the error is something else (a bug: show the stack).
 */
export function describeConnectionError(error: unknown): string | undefined {
  if (error instanceof DatabaseStartupError) return error.message;
  const err = error as {
    code?: string;
    message?: string;
    errors?: { code?: string; message?: string }[];
  } | null;
  const code = err?.code ?? err?.errors?.[0]?.code;
  const message = err?.message || err?.errors?.[0]?.message || String(error);
  const connectionCodes = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ETIMEDOUT',
    'ECONNRESET',
    '3D000',
    '28P01',
    '28000',
  ];
  if ((code && connectionCodes.includes(code)) || /timeout expired|Connection terminated/i.test(message)) {
    return `cannot reach the database (${describeDatabaseTarget()}): ${message}`;
  }
  return undefined;
}
