import { DatabaseStartupError, getDatabase, type DatabaseConnection } from '@/db/client';
import { getPublicStats } from '@/lib/data/movie-stats';
import { startEngine } from '@/lib/recsys/engine';
import { getEnv, projectPath } from '@/lib/env';
import { retryWithBackoff } from '@/lib/retry';
import { deleteExpiredVisitors } from '@/lib/data/visitors';
import { TOKEN_MAX_AGE_MS } from '@/lib/session';
import {
  describeConnectionError,
  describeDatabaseTarget,
  formatProgress,
  formatResult,
  importMovieLens,
  isDatabaseEmpty,
  MovieLensImportError,
} from '@/lib/import';
import { errorMessage } from '@/lib/errors';

/**
 * What the server does once when it starts (called from instrumentation.ts): migrate the database, import the
 * bundled MovieLens data when there are no movies yet (unless AUTO_IMPORT=0), then start the recommendation engine.
 * It runs in the background: the server answers at once, /api/health reports `startup` while this runs, and a
 * database that cannot be reached yet (docker-compose, systemd: the site often starts first) is waited for with
 * backoff, then startup runs as usual, with no restart. Only errors a wait cannot fix end in 'failed'.
 */

export type StartupStatus =
  'starting' | 'waiting-for-database' | 'migrating' | 'importing' | 'ready' | 'failed';

export interface StartupState {
  status: StartupStatus;
  /** Why startup failed, in one line (status 'failed'). */
  error: string | null;
}

type GlobalWithStartup = typeof globalThis & {
  __movielensStartup?: { state: StartupState; done: Promise<void> };
};
const holder = globalThis as GlobalWithStartup;

/** Where startup is (for /api/health); 'starting' before instrumentation has run it. */
export function getStartupState(): StartupState {
  return holder.__movielensStartup?.state ?? { status: 'starting', error: null };
}

/** Runs startup once per process; later calls return the same promise (it never rejects). */
export function startApp(): Promise<void> {
  if (!holder.__movielensStartup) {
    const state: StartupState = { status: 'starting', error: null };
    holder.__movielensStartup = { state, done: runStartup(state) };
  }
  return holder.__movielensStartup.done;
}

async function runStartup(state: StartupState): Promise<void> {
  try {
    await retryWithBackoff(() => startOnce(state), {
      isTransient: isTransientDatabaseError,
      onRetry: (attempt, error, delayMs) => {
        state.status = 'waiting-for-database';
        state.error = describeStartupError(error);
        // Every attempt at first, then one line a minute or so: a long wait must not flood the log.
        if (attempt <= 3 || attempt % 4 === 0)
          console.error(`[startup] ${state.error}; trying again in ${Math.round(delayMs / 1000)} s`);
      },
    });
  } catch (error) {
    state.status = 'failed';
    state.error = describeStartupError(error);
    console.error(`[startup] ${state.error}`);
  }
}

/** One attempt at the whole startup; safe to repeat (migrations and the import are transactional). */
async function startOnce(state: StartupState): Promise<void> {
  const env = getEnv();
  state.status = 'migrating';
  const connection = await getDatabase(); // migrates to the latest schema
  if (await isDatabaseEmpty(connection.db)) {
    if (env.AUTO_IMPORT === '0') {
      console.log(
        '[startup] the database has no movies and AUTO_IMPORT=0: run `npm run db:import` to load MovieLens data',
      );
    } else {
      state.status = 'importing';
      console.log(`[startup] first start: importing ${env.MOVIELENS_DIR} into ${describeDatabaseTarget()}`);
      const start = performance.now();
      const result = await importMovieLens(connection, {
        dir: projectPath(env.MOVIELENS_DIR),
        onProgress: (event) => console.log(`[startup] ${formatProgress(event).trim()}`),
      });
      console.log(`[startup] ${formatResult(result, performance.now() - start)}`);
    }
  }
  const hasData = !(await isDatabaseEmpty(connection.db));
  state.status = 'ready';
  state.error = null;
  if (hasData) {
    warmPublicStats(connection.db);
    await startRecommendationEngine();
  }
  scheduleVisitorExpiry();
  console.log(`[startup] ready: the site is on ${siteUrl()}`);
}

const EXPIRY_EVERY_MS = 6 * 60 * 60 * 1000;
const EMPTY_PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes empty visitor profiles a day old, and profiles whose newest cookie is older than the visitor token's
 * lifetime (no cookie can reach them), now and every 6 hours (lib/data/visitors.ts). A failure is one logged line.
 */
function scheduleVisitorExpiry(): void {
  const run = async () => {
    try {
      const { db } = await getDatabase();
      const deleted = await deleteExpiredVisitors(db, {
        emptyAfterMs: EMPTY_PROFILE_MAX_AGE_MS,
        inactiveAfterMs: TOKEN_MAX_AGE_MS,
      });
      if (deleted > 0) console.log(`[startup] deleted ${deleted} empty or abandoned visitor profiles`);
    } catch (error) {
      console.error(`[startup] expiring visitor profiles failed: ${errorMessage(error)}`);
    }
  };
  void run();
  setInterval(() => void run(), EXPIRY_EVERY_MS).unref();
}

/**
 * A database that does not answer (yet): refused or unreachable connections, a server still starting up or shutting
 * down (57P03, 57P01), a database not created yet (3D000). A PGlite folder problem or a bad password is not.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (error instanceof DatabaseStartupError || error instanceof MovieLensImportError) return false;
  const err = error as { code?: string; errors?: { code?: string }[] } | null;
  const code = err?.code ?? err?.errors?.[0]?.code;
  // Beyond the connection errors describeConnectionError names: a name lookup that may succeed later, and a server
  // starting up or shutting down.
  if (code && ['EAI_AGAIN', '57P01', '57P03'].includes(code)) return true;
  return describeConnectionError(error) !== undefined && code !== '28P01' && code !== '28000';
}

/**
 * The public statistics aggregate every MovieLens rating once per data version (seconds at 32M ratings): started
 * here, in the background, so that the first page view does not wait for it.
 */
function warmPublicStats(db: DatabaseConnection['db']): void {
  getPublicStats(db).catch((error) =>
    console.error(`[startup] computing the public rating statistics failed: ${errorMessage(error)}`),
  );
}

/** The engine loads saved models or trains them in the background (lib/recsys/engine). */
async function startRecommendationEngine(): Promise<void> {
  try {
    await startEngine();
  } catch (error) {
    console.error(`[startup] the recommendation engine did not start: ${errorMessage(error)}`);
  }
}

function describeStartupError(error: unknown): string {
  if (error instanceof MovieLensImportError)
    return `importing the bundled MovieLens data failed: ${error.message}`;
  if (error instanceof DatabaseStartupError) return error.message;
  const connection = describeConnectionError(error);
  if (connection) return connection;
  // A bug: keep the stack in the log, one line in health.
  console.error(error);
  return `startup failed: ${errorMessage(error)}`;
}

function siteUrl(): string {
  return `http://localhost:${process.env.PORT ?? '3000'}`;
}
