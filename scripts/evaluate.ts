/**
 * Offline evaluation of the recommenders (issue #3).
 *   npm run evaluate -- [--data data/ml-latest-small | --train a.csv --test b.csv] [--seed 42]
 *     [--algorithm nmf|cosine|popular|ease|mf|all] [--fill zeros|global-median|movie-median|masked]
 *     [--rank 20] [--neighbours 30] [--n 10] [--json]
 * Protocol and metric definitions: lib/recsys/evaluate.ts. Progress goes to stderr.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildRatingMatrix, createRecommender, fitModel } from '../lib/recsys/index';
import { evaluateRecommender, splitByUser } from '../lib/recsys/evaluate';
import { readRatingsCsv } from './lib/recsys-data';
import { fitOptionsFor, positiveInt, requireFile } from './lib/recsys-cli';
import { runScript, UsageError } from './lib/run-script';

const fmt = (x: number | null, d = 4) => (x === null ? '—' : x.toFixed(d));

runScript(async () => {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/ml-latest-small' }, train: { type: 'string' }, test: { type: 'string' },
      seed: { type: 'string' }, algorithm: { type: 'string', default: 'all' }, fill: { type: 'string' },
      rank: { type: 'string' }, neighbours: { type: 'string' }, n: { type: 'string' }, json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if ((values.train === undefined) !== (values.test === undefined)) throw new UsageError('--train and --test go together');
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`);
  const n = positiveInt('n', values.n, 10);
  const runs = fitOptionsFor(values.algorithm, values.fill, values.rank ? positiveInt('rank', values.rank, 20) : undefined, values.neighbours ? positiveInt('neighbours', values.neighbours, 30) : undefined);

  const { train, test } = values.train && values.test
    ? { train: readRatingsCsv(requireFile(values.train)), test: readRatingsCsv(requireFile(values.test)) }
    : splitByUser(readRatingsCsv(requireFile(path.join(values.data, 'ratings.csv'))), { seed });
  const mat = buildRatingMatrix(train);
  console.error(`train ${mat.nnz} ratings (${mat.users} users × ${mat.movies} movies), test ${test.userIds.length}`);
  if (!values.json) console.log(['algorithm', 'params', 'RMSE', 'MAE', `P@${n}`, `R@${n}`, `NDCG@${n}`, 'coverage', 'fit s', 'ms/user'].join('\t'));

  for (const options of runs) {
    const label = JSON.stringify(options);
    console.error(`fitting ${label}…`);
    const t0 = performance.now();
    const rec = createRecommender(fitModel(mat, options));
    const fitSeconds = (performance.now() - t0) / 1000;
    const r = evaluateRecommender(rec, train, test, {
      n, catalogueSize: mat.movies,
      onProgress: (done, total) => { if (done % 100 === 0 || done === total) process.stderr.write(`\r  evaluated ${done}/${total} users`); },
    });
    process.stderr.write('\n');
    const params = { ...rec.params, ...(n !== 10 ? { n } : {}) };
    if (values.json) {
      console.log(JSON.stringify({
        algorithm: rec.algorithm, params, rmse: r.rmse, mae: r.mae, precisionAt10: r.precision, recallAt10: r.recall,
        ndcgAt10: r.ndcg, coverage: r.coverage, fitSeconds, recommendMsMedian: r.recommendMsMedian, users: r.users, testRatings: r.testRatings,
      }));
    } else {
      const p = Object.entries(rec.params).map(([k, v]) => `${k}=${v}`).join(',');
      console.log([rec.algorithm, p, fmt(r.rmse), fmt(r.mae), fmt(r.precision), fmt(r.recall), fmt(r.ndcg), fmt(r.coverage, 3), fitSeconds.toFixed(2), fmt(r.recommendMsMedian, 2)].join('\t'));
    }
  }
});
