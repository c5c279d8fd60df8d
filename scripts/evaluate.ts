/**
 * Offline evaluation of the recommenders (issue #3).
 *   npm run evaluate -- [--data data/ml-latest-small | --train a.csv --test b.csv] [--seed 42]
 *     [--algorithm nmf|cosine|popular|ease|mf|all] [--fill zeros|global-median|movie-median|masked]
 *     [--rank 20] [--neighbours 30] [--n 10] [--json] [--write-results (lib/recsys/evaluation-results.json)]
 *   npm run evaluate -- --compare A B     paired Wilcoxon signed-rank test of per-user NDCG@n, A and B being
 *     algorithm names as --algorithm takes them, NMF with its fill after a colon (e.g. ease nmf:zeros)
 *   npm run evaluate -- --personas [--candidate-filter none,min20,nbhd200] [--lists]   the persona suite (lib/recsys/personas.ts)
 *     for every algorithm (or --algorithm), fitted on all ratings; one row per recommend-time candidate filter
 * Protocol and metric definitions: lib/recsys/evaluate.ts. Progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildRatingMatrix,
  createRecommender,
  fitModel,
  type FitOptions,
  type RatingMatrix,
} from '../lib/recsys/index';
import { evaluateRecommender, splitByUser, type EvaluationResult } from '../lib/recsys/evaluate';
import type { RatingColumns } from '../lib/recsys/matrix';
import type { Recommender } from '../lib/recsys/types';
import { wilcoxonSignedRank } from '../lib/recsys/wilcoxon';
import { readRatingsCsv } from './lib/recsys-data';
import { fitOptionsFor, positiveInt, requireFile } from './lib/recsys-cli';
import { runScript, UsageError } from './lib/run-script';
import { movieMeta, personaTable } from './lib/persona-table';

const fmt = (x: number | null, d = 4) => (x === null ? '—' : x.toFixed(d));

interface Run {
  rec: Recommender;
  fitSeconds: number;
  r: EvaluationResult;
}

function evaluateOne(
  options: FitOptions,
  mat: RatingMatrix,
  train: RatingColumns,
  test: RatingColumns,
  n: number,
): Run {
  console.error(`fitting ${JSON.stringify(options)}…`);
  const t0 = performance.now();
  const rec = createRecommender(fitModel(mat, options));
  const fitSeconds = (performance.now() - t0) / 1000;
  const r = evaluateRecommender(rec, train, test, {
    n,
    catalogueSize: mat.movies,
    onProgress: (done, total) => {
      if (done % 100 === 0 || done === total) process.stderr.write(`\r  evaluated ${done}/${total} users`);
    },
  });
  process.stderr.write('\n');
  return { rec, fitSeconds, r };
}

function jsonRow({ rec, fitSeconds, r }: Run, n: number) {
  return {
    algorithm: rec.algorithm,
    params: { ...rec.params, ...(n !== 10 ? { n } : {}) },
    rmse: r.rmse,
    mae: r.mae,
    precisionAt10: r.precision,
    recallAt10: r.recall,
    ndcgAt10: r.ndcg,
    recallAt20: r.recallAtN,
    mapAt10: r.map,
    coverage: r.coverage,
    personalisation: r.personalisation,
    novelty: r.novelty,
    fitSeconds,
    recommendMsMedian: r.recommendMsMedian,
    users: r.users,
    testRatings: r.testRatings,
  };
}

const header = (n: number) =>
  [
    'algorithm',
    'params',
    'RMSE',
    'MAE',
    `P@${n}`,
    `R@${n}`,
    `NDCG@${n}`,
    'R@20',
    `MAP@${n}`,
    'coverage',
    'personal.',
    'novelty',
    'fit s',
    'ms/user',
  ].join('\t');

function textRow({ rec, fitSeconds, r }: Run): string {
  const p = Object.entries(rec.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return [
    rec.algorithm,
    p,
    fmt(r.rmse),
    fmt(r.mae),
    fmt(r.precision),
    fmt(r.recall),
    fmt(r.ndcg),
    fmt(r.recallAtN),
    fmt(r.map),
    fmt(r.coverage, 3),
    fmt(r.personalisation),
    fmt(r.novelty, 2),
    fitSeconds.toFixed(2),
    fmt(r.recommendMsMedian, 2),
  ].join('\t');
}

/** 'ease' or 'nmf:zeros' → the fit options `--algorithm ease` / `--algorithm nmf --fill zeros` would use. */
function specOptions(spec: string, rank: number | undefined, neighbours: number | undefined): FitOptions {
  const [algorithm = '', fill] = spec.split(':');
  if (algorithm === 'all') throw new UsageError('--compare takes two algorithm names, not all');
  return fitOptionsFor(algorithm, fill, rank, neighbours)[0] as FitOptions;
}

runScript(async () => {
  const { values, positionals } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/ml-latest-small' },
      train: { type: 'string' },
      test: { type: 'string' },
      seed: { type: 'string' },
      algorithm: { type: 'string', default: 'all' },
      fill: { type: 'string' },
      rank: { type: 'string' },
      neighbours: { type: 'string' },
      n: { type: 'string' },
      json: { type: 'boolean', default: false },
      compare: { type: 'string' },
      personas: { type: 'boolean', default: false },
      'candidate-filter': { type: 'string', default: 'none' },
      lists: { type: 'boolean', default: false },
      'write-results': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if ((values.train === undefined) !== (values.test === undefined))
    throw new UsageError('--train and --test go together');
  if (values.compare === undefined ? positionals.length > 0 : positionals.length !== 1)
    throw new UsageError('usage: --compare A B (two algorithm names, e.g. --compare ease nmf:zeros)');
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`);
  const n = positiveInt('n', values.n, 10);
  const rank = values.rank ? positiveInt('rank', values.rank, 20) : undefined;
  const neighbours = values.neighbours ? positiveInt('neighbours', values.neighbours, 30) : undefined;
  const runs =
    values.compare === undefined
      ? fitOptionsFor(values.algorithm, values.fill, rank, neighbours)
      : [
          specOptions(values.compare, rank, neighbours),
          specOptions(positionals[0] as string, rank, neighbours),
        ];

  if (values.personas) {
    const all = buildRatingMatrix(readRatingsCsv(requireFile(path.join(values.data, 'ratings.csv'))));
    const meta = movieMeta(requireFile(path.join(values.data, 'movies.csv')), all);
    personaTable(runs, all, meta, {
      filters: values['candidate-filter'].split(','),
      json: values.json,
      lists: values.lists,
    });
    return;
  }

  const { train, test } =
    values.train && values.test
      ? { train: readRatingsCsv(requireFile(values.train)), test: readRatingsCsv(requireFile(values.test)) }
      : splitByUser(readRatingsCsv(requireFile(path.join(values.data, 'ratings.csv'))), { seed });
  const mat = buildRatingMatrix(train);
  console.error(
    `train ${mat.nnz} ratings (${mat.users} users × ${mat.movies} movies), test ${test.userIds.length}`,
  );
  if (!values.json) console.log(header(n));

  const done: Run[] = [];
  for (const options of runs) {
    const run = evaluateOne(options, mat, train, test, n);
    done.push(run);
    if (values.json && values.compare === undefined) console.log(JSON.stringify(jsonRow(run, n)));
    else if (!values.json) console.log(textRow(run));
  }
  if (values['write-results']) writeResults(done, n, seed, values.data);
  if (values.compare === undefined) return;

  const [a, b] = done as [Run, Run];
  // Both runs rank the same users (those with a relevant test movie), in the same order.
  if (a.r.perUser.userIds.join() !== b.r.perUser.userIds.join())
    throw new Error('compare: the two runs ranked different users');
  const w = wilcoxonSignedRank(a.r.perUser.ndcg, b.r.perUser.ndcg);
  if (values.json) {
    console.log(
      JSON.stringify({
        a: jsonRow(a, n),
        b: jsonRow(b, n),
        metric: `ndcgAt${n}`,
        meanDifference: w.meanDifference,
        wilcoxon: { n: w.n, wPlus: w.wPlus, wMinus: w.wMinus, z: w.z, p: w.p },
      }),
    );
  } else {
    console.log(
      `\nNDCG@${n} A − B: mean difference ${w.meanDifference.toFixed(4)} over ${a.r.users} users; Wilcoxon signed-rank (two-sided, normal approx.): ${w.n} non-zero pairs, W+ ${w.wPlus}, W− ${w.wMinus}, z ${w.z.toFixed(3)}, p ${w.p.toPrecision(3)}`,
    );
  }
});

/** The results file that /about, the picker and the README table read (lib/recsys/evaluation-results.json). */
function writeResults(done: Run[], n: number, seed: number, data: string): void {
  const file = path.join(process.cwd(), 'lib/recsys/evaluation-results.json');
  const commit =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() ||
    'unknown commit';
  const results = {
    command: 'npm run evaluate -- --algorithm all --write-results',
    generatedAt: `${new Date().toISOString().slice(0, 10)} (commit ${commit})`,
    split: `${path.basename(data)}, 20% of each user's ratings held out at random, seed ${seed}; relevant = rating ≥ 4; top ${n} among all movies the user did not rate in training`,
    results: done.map((run) => jsonRow(run, n)),
  };
  writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
  console.error(`wrote ${path.relative(process.cwd(), file)}`);
}
