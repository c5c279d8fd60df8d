import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { getEnv, projectPath } from '@/lib/env';
import { migrateToLatest } from './migrate';
import { FolderLockedError, lockFolder } from './pglite-lock';
import type { DB } from './schema';
import { ExpectedError, errorMessage } from '@/lib/errors';

export type DatabaseKind = 'pglite' | 'postgresql';

/** One open database: Kysely for queries, plus the raw driver for what Kysely cannot do (COPY). */
export type DatabaseConnection =
  | { kind: 'pglite'; db: Kysely<DB>; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgresql'; db: Kysely<DB>; pool: pg.Pool; close(): Promise<void> };

export interface ConnectOptions {
  /** A PostgreSQL URL; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite folder; `memory://` (or undefined with no URL) for an in-memory database. */
  pgliteDataDir?: string;
  /** Extra pg pool settings (tests set a search_path). */
  poolConfig?: pg.PoolConfig;
  /** Run migrations after connecting (default true). */
  migrate?: boolean;
}

export async function connectDatabase(options: ConnectOptions = {}): Promise<DatabaseConnection> {
  const connection = options.databaseUrl
    ? connectPostgres(options.databaseUrl, options.poolConfig)
    : await connectPglite(options.pgliteDataDir);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(connection.db);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }
  return connection;
}

function connectPostgres(url: string, poolConfig?: pg.PoolConfig): DatabaseConnection {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, ...poolConfig });
  // An idle client that loses its server (restart, outage) emits 'error'; without a listener it crashes the process.
  pool.on('error', (error) => console.error(`[db] idle PostgreSQL client error: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgresql', db, pool, close: () => db.destroy() };
}

async function connectPglite(dataDir?: string): Promise<DatabaseConnection> {
  if (!dataDir || dataDir === 'memory://') {
    const pglite = await PGlite.create();
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return { kind: 'pglite', db, pglite, close: () => closePglite(db, pglite) };
  }
  const releaseLock = lockPgliteFolder(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    releaseLock();
    const cause = errorMessage(error);
    const unwritable = findUnwritable(dataDir, error);
    if (unwritable) {
      // Never advise moving or deleting the folder here: it holds every visitor's ratings and is only misconfigured.
      throw new DatabaseStartupError(
        `The embedded database in ${dataDir} cannot be opened because ${unwritable} is not writable by this process ` +
          `(uid ${process.getuid?.() ?? '?'}): ${cause}. Give that user write access to the folder and everything in it ` +
          '(chown/chmod), or remount it read-write; the data in it is intact.',
        { cause: error },
      );
    }
    throw new DatabaseStartupError(
      `Could not open the embedded database in ${dataDir}: ${cause}. The folder holds visitors' ratings: keep it ` +
        '(restore a backup if it is damaged), or set PGLITE_DATA_DIR to another folder to start with a fresh database.',
      { cause: error },
    );
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    pglite,
    close: async () => {
      try {
        await closePglite(db, pglite);
      } finally {
        releaseLock();
      }
    },
  };
}

/** The first file or folder under dataDir this process cannot write (a permission problem), or null. */
function findUnwritable(dataDir: string, error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return dataDir;
  const pending = [dataDir];
  for (let seen = 0; pending.length > 0 && seen < 10_000; seen++) {
    const current = pending.pop()!;
    try {
      fs.accessSync(current, fs.constants.W_OK);
      if (fs.statSync(current).isDirectory())
        pending.push(...fs.readdirSync(current).map((name) => path.join(current, name)));
    } catch {
      return current;
    }
  }
  return null;
}

/** Kysely closes PGlite only if it ever ran a query: close it ourselves too, or the process lingers. */
async function closePglite(db: Kysely<DB>, pglite: PGlite): Promise<void> {
  await db.destroy();
  if (!pglite.closed) await pglite.close();
}

/** A startup problem a user can fix (folder in use, unreadable): one clear message, no stack trace needed. */
export class DatabaseStartupError extends ExpectedError {}

/** Checks the folder, then takes its lock (db/pglite-lock.ts) with a clear message when another instance holds it. */
function lockPgliteFolder(dataDir: string): () => void {
  if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) {
    throw new DatabaseStartupError(
      `PGLITE_DATA_DIR ${dataDir} is not a folder: point it at a folder (it is created if missing).`,
    );
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    const cause = errorMessage(error);
    throw new DatabaseStartupError(
      `The embedded database folder ${dataDir} cannot be read or written: ${cause}`,
      { cause: error },
    );
  }
  try {
    return lockFolder(dataDir);
  } catch (error) {
    if (!(error instanceof FolderLockedError)) throw error;
    throw new DatabaseStartupError(
      `The embedded database folder ${dataDir} is in use by another running instance (pid ${error.message}). ` +
        'Stop that process first, or set PGLITE_DATA_DIR to another folder (or DATABASE_URL to a PostgreSQL server).',
    );
  }
}

type GlobalWithDatabase = typeof globalThis & { __movielensDatabase?: Promise<DatabaseConnection> };

/**
 * The app's one database, created on first use from the environment and migrated. Kept on globalThis so that
 * hot reload in development does not open new pools or a second PGlite on the same folder.
 */
export function getDatabase(): Promise<DatabaseConnection> {
  const holder = globalThis as GlobalWithDatabase;
  if (!holder.__movielensDatabase) {
    const env = getEnv();
    const pending = connectDatabase(
      env.DATABASE_URL
        ? { databaseUrl: env.DATABASE_URL }
        : { pgliteDataDir: projectPath(env.PGLITE_DATA_DIR) },
    );
    // A failed first connection must not be cached forever: the next request tries again.
    pending.catch(() => {
      if (holder.__movielensDatabase === pending) holder.__movielensDatabase = undefined;
    });
    holder.__movielensDatabase = pending;
  }
  return holder.__movielensDatabase;
}

/** Close the app's database (graceful shutdown, scripts). */
export async function closeDatabase(): Promise<void> {
  const holder = globalThis as GlobalWithDatabase;
  const pending = holder.__movielensDatabase;
  holder.__movielensDatabase = undefined;
  if (pending) await (await pending).close();
}
