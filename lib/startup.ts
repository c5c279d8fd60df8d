import { DatabaseStartupError, getDatabase } from '@/db/client';
import { startEngine } from '@/lib/recsys/engine';
import { getEnv, projectPath } from '@/lib/env';
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
 * database that cannot be reached is one logged line, never a crash.
 */

export type StartupStatus = 'starting' | 'migrating' | 'importing' | 'ready' | 'failed';

export interface StartupState {
  status: StartupStatus;
  /** Why startup failed, in one line (status 'failed'). */
  error: string | null;
}

type GlobalWithStartup = typeof globalThis & { __movielensStartup?: { state: StartupState; done: Promise<void> } };
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
  const env = getEnv();
  try {
    state.status = 'migrating';
    const connection = await getDatabase(); // migrates to the latest schema
    if (await isDatabaseEmpty(connection.db)) {
      if (env.AUTO_IMPORT === '0') {
        console.log('[startup] the database has no movies and AUTO_IMPORT=0: run `npm run db:import` to load MovieLens data');
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
    state.status = 'ready';
    if (!(await isDatabaseEmpty(connection.db))) await startRecommendationEngine();
    console.log(`[startup] ready: the site is on ${siteUrl()}`);
  } catch (error) {
    state.status = 'failed';
    state.error = describeStartupError(error);
    console.error(`[startup] ${state.error}`);
  }
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
  if (error instanceof MovieLensImportError) return `importing the bundled MovieLens data failed: ${error.message}`;
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
