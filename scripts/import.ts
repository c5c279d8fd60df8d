/**
 * npm run db:import [-- --dir <movielens folder>] [--replace]
 * Loads a MovieLens folder (default: the bundled data/ml-latest-small) into the database of DATABASE_URL, or the
 * embedded PGlite in PGLITE_DATA_DIR. Everything happens in one transaction; a bad row is reported as one line
 * (file, line, reason) and nothing is written.
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
import { runDbScript } from './lib/run-db-script';

const USAGE = 'usage: npm run db:import [-- --dir <movielens folder>] [--replace]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { dir: { type: 'string' }, replace: { type: 'boolean' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const dir = args.dir ?? getEnv().MOVIELENS_DIR;
  console.log(`Importing MovieLens data from ${dir} into ${describeDatabaseTarget()}`);
  const start = performance.now();
  try {
    const connection = await getDatabase();
    const result = await importMovieLens(connection, {
      dir,
      replace: args.replace ?? false,
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

runDbScript(main);
