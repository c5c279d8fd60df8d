/**
 * npm run db:import [-- --dir <movielens folder>] [--replace [--force]]
 * Loads a MovieLens folder (default: the bundled data/ml-latest-small; ml-latest, ml-100k, ml-1m or ml-10m layout)
 * into the database of DATABASE_URL, or the embedded PGlite in PGLITE_DATA_DIR, streamed in one transaction; a bad
 * row is reported as one line (file, line, reason) and nothing is written. --replace swaps a different dataset
 * (visitors' data is kept); --force also accepts a replacement that removes most of the movies or ratings.
 */
import { parseArgs } from 'node:util';
import { getDatabase } from '@/db/client';
import {
  describeConnectionError,
  describeDatabaseTarget,
  formatProgress,
  formatResult,
  importMovieLens,
  MovieLensImportError,
} from '@/lib/import';
import { getEnv } from '@/lib/env';
import { runScript } from './lib/run-script';

const USAGE = 'usage: npm run db:import [-- --dir <movielens folder>] [--replace [--force]]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        dir: { type: 'string' },
        replace: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.force && !args.replace) {
    console.error(`--force only applies with --replace\n${USAGE}`);
    return 2;
  }
  const dir = args.dir ?? getEnv().MOVIELENS_DIR;
  console.log(`Importing MovieLens data from ${dir} into ${describeDatabaseTarget()}`);
  const start = performance.now();
  try {
    const connection = await getDatabase();
    const result = await importMovieLens(connection, {
      dir,
      replace: args.replace ?? false,
      force: args.force ?? false,
      onProgress: (event) => console.log(formatProgress(event)),
    });
    console.log(formatResult(result, performance.now() - start));
    return 0;
  } catch (error) {
    const line = error instanceof MovieLensImportError ? error.message : describeConnectionError(error);
    if (!line) throw error;
    console.error(`Import failed: ${line}`);
    return 1;
  }
}

runScript(main, { database: true });
