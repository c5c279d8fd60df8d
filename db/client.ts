import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import fs from 'node:fs';
import pg from 'pg';
import { getEnv, projectPath } from '@/lib/env';
import { migrateToLatest } from './migrate';
import type { DB } from './schema';


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
  let pglite: PGlite;
  if (!dataDir || dataDir === 'memory://') {
    pglite = await PGlite.create();
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create(dataDir);
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  // Kysely's destroy closes PGlite (kysely-pglite-dialect >= 1.3.1).
  return { kind: 'pglite', db, pglite, close: () => db.destroy() };
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
