/**
 * npm run train [-- --force]
 * Fits every model the site serves on the MovieLens ratings of the configured database (DATABASE_URL, or the
 * embedded PGlite in PGLITE_DATA_DIR) and stores them, keyed by the data version; the site then loads them
 * at start instead of fitting. Models already stored for this data version are loaded, unless --force.
 */
import { parseArgs } from 'node:util';
import { getDatabase } from '@/db/client';
import { listTrainedModels } from '@/lib/data/model-store';
import { Engine } from '@/lib/recsys/engine/engine';
import { RATING_MATRIX_KEY } from '@/lib/recsys/engine/recsys-adapter';
import { runScript } from './lib/run-script';

const USAGE = 'usage: npm run train [-- --force]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { force: { type: 'boolean' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const connection = await getDatabase();
    const { db } = connection;
    // Worker threads, as the site does: two cores fit at once, and this thread stays free to store each model as
    // it comes (a 300 MB payload written between two minute-long fits on one thread timed out).
    const engine = new Engine({
      connection,
      fitIn: 'worker',
      reuseStored: !args.force,
      log: (line) => console.log(line.replace('[engine] ', '  ')),
    });
    const started = performance.now();
    await engine.start();
    const status = engine.statusJson();
    if (status.status !== 'ready') {
      console.error(`Training did not finish: ${status.error ?? status.status}`);
      return 1;
    }
    console.log(
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s on ${status.trainingRatings.toLocaleString('en')} ratings (data version ${status.dataVersion?.slice(0, 12)}…). Stored models:`,
    );
    for (const model of await listTrainedModels(db)) {
      const size = `${(model.bytes / 1e6).toFixed(1).padStart(6)} MB`;
      // Stored beside the models, not one: what a start reads instead of every rating.
      if (model.algorithm === RATING_MATRIX_KEY.algorithm)
        console.log(`  the rating matrix (read at start)${''.padEnd(24)} ${size}`);
      else
        console.log(
          `  ${model.algorithm.padEnd(8)} ${model.paramsKey.padEnd(40)} ${size}  fit ${(model.fitMs / 1000).toFixed(1)} s`,
        );
    }
    return status.models.some((model) => model.state === 'failed') ? 1 : 0;
  } catch (error) {
    console.error(`Training failed: ${(error as Error).message}`);
    return 1;
  }
}

runScript(main, { database: true });
