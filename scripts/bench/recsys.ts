/**
 * Recommender benchmarks: fit time per NMF fill and cosine on ml-latest-small, reconstruction error
 * beside scikit-learn's (lib/recsys/fixtures/nmf-parity-reference.json), fold-in and cosine latency
 * p50/p99 over training-user profiles, RSS. `--scale`: a 32M-shaped synthetic set (scripts/gen-synthetic.ts):
 * every served model's and the item similarity's fit time and peak RSS, the two-thread wall time, and fold-in +
 * top-10 per served model with its candidate filter, beside the targets (issue 11); with `--fills`, instead the
 * filled NMF fits in detail (iteration cap 60), init and per-iteration time.
 *   npx tsx scripts/bench/recsys.ts [--scale | --scale-only] [--fills zeros,movie-median] [--max-iter 60]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildRatingMatrix,
  createRecommender,
  fitItemSimilarity,
  fitModel,
  similarMoviesFrom,
  type FitOptions,
  type RatedMovie,
  type RatingMatrix,
} from '../../lib/recsys/index';
import type { FitRequest } from '../../lib/recsys/engine/fit-jobs';
import { fitWorkerCount, splitFitRequest } from '../../lib/recsys/engine/fit-runner';
import { neighbourhoodFilter } from '../../lib/recsys/candidates';
import { MODEL_SPECS } from '../../lib/recsys/model-specs';
import reference from '../../lib/recsys/fixtures/nmf-parity-reference.json';
import { fitFilledNmf, type NmfModel } from '../../lib/recsys/nmf';
import { mulberry32 } from '../../lib/recsys/random';
import { generateSynthetic } from '../gen-synthetic';
import { readRatingsCsv } from '../lib/recsys-data';

const mb = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`;
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

/** Profiles of `count` random training users, each cut to a random 5..50 of their ratings. */
function sampleProfiles(mat: RatingMatrix, count: number, seed = 7): RatedMovie[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const u = Math.floor(rng() * mat.users);
    const from = mat.rowPtr[u] as number;
    const len = Math.min((mat.rowPtr[u + 1] as number) - from, 5 + Math.floor(rng() * 46));
    return Array.from({ length: len }, (_, t) => ({
      movieId: mat.movieIds[mat.colIdx[from + t] as number] as number,
      rating: mat.values[from + t] as number,
    }));
  });
}

function latency(
  mat: RatingMatrix,
  options: FitOptions,
  model = fitModel(mat, options),
  count = 300,
): string {
  const rec = createRecommender(model);
  const profiles = sampleProfiles(mat, count);
  for (const p of profiles.slice(0, 20)) rec.recommend(p); // warm the JIT
  const times = profiles.map((p) => {
    const t = performance.now();
    rec.recommend(p, { n: 10 });
    return performance.now() - t;
  });
  return `p50 ${pct(times, 0.5).toFixed(2)} ms, p99 ${pct(times, 0.99).toFixed(2)} ms`;
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const out = f();
  return [out, (performance.now() - t) / 1000];
}

export interface RecsysBenchOptions {
  scale?: boolean;
  /** --scale: instead of every served model, the filled NMF fits' iterations in detail for these fills. */
  fills?: readonly ('zeros' | 'global-median' | 'movie-median')[];
  /** --scale: iteration cap per fill (default 60). */
  maxIter?: number;
  /** Skip the ml-latest-small part. */
  scaleOnly?: boolean;
}

export async function benchRecsys({
  scale = false,
  fills,
  maxIter = 60,
  scaleOnly = false,
}: RecsysBenchOptions = {}): Promise<void> {
  if (!scaleOnly) benchSmall();
  if (!scale) return;
  benchScale(fills ?? null, maxIter);
}

function benchSmall(): void {
  const mat = buildRatingMatrix(readRatingsCsv(path.join(process.cwd(), 'data/ml-latest-small/ratings.csv')));
  console.log(`recsys: ml-latest-small ${mat.users}×${mat.movies}, ${mat.nnz} ratings; RSS ${mb()}`);
  for (const fill of ['zeros', 'global-median', 'movie-median', 'masked'] as const) {
    const [model, seconds] = timed(() => fitModel(mat, { algorithm: 'nmf', fill }) as NmfModel);
    const ref = fill === 'masked' ? undefined : reference.fills[fill];
    const rel = model.reconstructionError / model.normV;
    const vs = ref
      ? ` vs scikit-learn ${ref.relativeError.toFixed(5)} (×${(rel / ref.relativeError).toFixed(4)}), ${model.iterations} it vs ${ref.iterations}`
      : ` (observed cells), ${model.iterations} epochs`;
    console.log(
      `  nmf ${fill.padEnd(13)} fit ${seconds.toFixed(2)} s; rel. error ${rel.toFixed(5)}${vs}; fold-in + top-10 ${latency(mat, { algorithm: 'nmf', fill }, model)}; RSS ${mb()}`,
    );
  }
  for (const options of [
    { algorithm: 'cosine' },
    { algorithm: 'ease' },
    { algorithm: 'mf' },
    { algorithm: 'popular' },
    { algorithm: 'ease-ials' },
  ] as FitOptions[]) {
    const [model, seconds] = timed(() => fitModel(mat, options));
    const target = options.algorithm === 'ease-ials' ? ' (the default list; target p99 < 5 ms)' : '';
    console.log(
      `  ${options.algorithm.padEnd(18)} fit ${seconds.toFixed(2)} s; top-10 ${latency(mat, options, model)}${target}; RSS ${mb()}`,
    );
  }
  benchColdStart(mat);
}

/**
 * Every served model's and the item similarity's fit seconds (each timed on one thread) in all, and on `threads`
 * worker threads as the engine runs them (lib/recsys/engine/fit-runner.ts): the item similarity first on the first
 * thread, then each job, in order, to the thread that is free first. The wall time is the last thread to finish.
 */
function threadedFitSeconds(
  seconds: ReadonlyMap<string, number>,
  itemSimilaritySeconds: number,
  threads: number,
): { oneThread: number; wall: number; threadsUsed: number } {
  const request: FitRequest = {
    ratings: { userIds: new Int32Array(0), movieIds: new Int32Array(0), ratings: new Float32Array(0) },
    jobs: MODEL_SPECS.map(({ key, algorithm, params }) => ({ key, algorithm, params })),
    itemSimilarity: true,
  };
  const parts = splitFitRequest(request, threads);
  const busyUntil = parts.map((part) => (part.itemSimilarity ? itemSimilaritySeconds : 0));
  for (const job of request.jobs) {
    const free = busyUntil.indexOf(Math.min(...busyUntil));
    busyUntil[free] = (busyUntil[free] as number) + (seconds.get(job.key) ?? 0);
  }
  const oneThread = request.jobs.reduce(
    (sum, job) => sum + (seconds.get(job.key) ?? 0),
    itemSimilaritySeconds,
  );
  return { oneThread, wall: Math.max(...busyUntil), threadsUsed: parts.length };
}

/**
 * What the site fits after an import: every served model and the item similarity, each timed here on one thread, then
 * run over worker threads as the engine runs them (threadedFitSeconds): the cold start is the last thread to finish.
 */
function benchColdStart(mat: RatingMatrix): void {
  const seconds = new Map<string, number>();
  for (const spec of MODEL_SPECS) {
    seconds.set(
      spec.key,
      timed(() => fitModel(mat, { ...spec.params, algorithm: spec.algorithm } as FitOptions))[1],
    );
  }
  const similarities = timed(() => fitItemSimilarity(mat))[1];
  const { oneThread, wall, threadsUsed } = threadedFitSeconds(seconds, similarities, fitWorkerCount());
  const each = [...seconds].map(([key, s]) => `${key} ${s.toFixed(1)}`).join(', ');
  console.log(
    `  cold start, every served model + item similarity (${each}, item similarity ${similarities.toFixed(1)}):`,
  );
  console.log(
    `    one thread ${oneThread.toFixed(1)} s; ${threadsUsed} worker thread(s) as the engine runs them ${wall.toFixed(1)} s; target < 20 s: ${wall < 20 ? 'met' : 'MISSED'}`,
  );
}

/** --fills: the filled NMF fits' iterations in detail (init, seconds per iteration, error). */
function benchScaleNmf(
  big: RatingMatrix,
  fills: readonly ('zeros' | 'global-median' | 'movie-median')[],
  maxIter: number,
): void {
  for (const fill of fills) {
    let last = performance.now();
    const perIteration: number[] = [];
    const [model, seconds] = timed(() =>
      fitFilledNmf(big, { fill, maxIter }, () => {
        const now = performance.now();
        perIteration.push((now - last) / 1000);
        last = now;
      }),
    );
    const init = perIteration.shift() ?? NaN;
    const capped = model.iterations >= maxIter ? ` (cap ${maxIter})` : '';
    console.log(
      `  nmf ${fill.padEnd(13)} fit ${seconds.toFixed(1)} s, ${model.iterations} it${capped}; init + 1st it ${init.toFixed(1)} s, then ${pct(perIteration, 0.5).toFixed(2)} s/it (median); rel. error ${(model.reconstructionError / model.normV).toFixed(5)}; RSS ${mb()}; fold-in + top-10 ${latency(big, { algorithm: 'nmf', fill }, model, 200)}`,
    );
  }
}

/** The process's peak RSS since the last resetPeakRss() (VmHWM; Linux resets it on "5" to clear_refs). */
function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: the peak is then the process's since it started
  }
}

function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Visitors of 10–20 ratings, each movie drawn half the time among the 200 most rated and half among the next
 * 20,000 (popular and niche tastes), ratings 2.5–5★: what a site visitor brings, unlike a training user's profile.
 */
export function visitorProfiles(mat: RatingMatrix, count: number, seed = 11): RatedMovie[][] {
  const rng = mulberry32(seed);
  const raters = (j: number) => (mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number);
  const order = Array.from({ length: mat.movies }, (_, j) => j).sort(
    (a, b) => raters(b) - raters(a) || a - b,
  );
  const head = Math.min(200, mat.movies);
  const tail = Math.min(20_000, mat.movies - head);
  return Array.from({ length: count }, () => {
    const len = Math.min(mat.movies, 10 + Math.floor(rng() * 11));
    const picked = new Set<number>();
    while (picked.size < len) {
      const popular = tail === 0 || rng() < 0.5;
      picked.add(order[popular ? Math.floor(rng() * head) : head + Math.floor(rng() * tail)] as number);
    }
    return [...picked].map((j) => ({
      movieId: mat.movieIds[j] as number,
      rating: 0.5 * (5 + Math.floor(rng() * 6)),
    }));
  });
}

const FIT_TARGETS = { oneFit: 600, wall: 900, peakMb: 8192, p99Ms: 15 } as const;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/**
 * --scale: every served model (MODEL_SPECS) and the item similarity fitted on the 32M-shaped synthetic set, one at a
 * time on this thread (fit seconds, peak RSS of the process during the fit), the two-thread wall time as the
 * engine runs them, then fold-in + top-10 per served model with its candidate filter built as the engine builds it
 * (lib/recsys/engine/recommend.ts), the predictor's predictions and similar-movies lookups.
 */
function benchScale(
  fills: readonly ('zeros' | 'global-median' | 'movie-median')[] | null,
  maxIter: number,
): void {
  console.log('recsys --scale: generating a 32M-shaped synthetic set…');
  const [data, genSeconds] = timed(() => generateSynthetic());
  const [big, buildSeconds] = timed(() => buildRatingMatrix(data));
  console.log(
    `  ${big.users}×${big.movies}, ${big.nnz} ratings; generate ${genSeconds.toFixed(1)} s, build ${buildSeconds.toFixed(1)} s; RSS ${mb()}`,
  );
  if (fills) return benchScaleNmf(big, fills, maxIter);
  const seconds = new Map<string, number>();
  const models = new Map<string, ReturnType<typeof fitModel>>();
  let peak = 0;
  for (const spec of MODEL_SPECS) {
    resetPeakRss();
    const [model, s] = timed(() =>
      fitModel(big, { ...spec.params, algorithm: spec.algorithm } as FitOptions),
    );
    const fitPeak = peakRssMb();
    peak = Math.max(peak, fitPeak);
    seconds.set(spec.key, s);
    models.set(spec.key, model);
    console.log(
      `  fit ${spec.key.padEnd(18)} ${s.toFixed(1).padStart(6)} s (target < ${FIT_TARGETS.oneFit} s: ${verdict(s < FIT_TARGETS.oneFit)}); peak RSS ${fitPeak.toFixed(0)} MB`,
    );
  }
  resetPeakRss();
  const [items, itemSeconds] = timed(() => fitItemSimilarity(big));
  const itemPeak = peakRssMb();
  peak = Math.max(peak, itemPeak);
  console.log(
    `  fit ${'item similarity'.padEnd(18)} ${itemSeconds.toFixed(1).padStart(6)} s (target < ${FIT_TARGETS.oneFit} s: ${verdict(itemSeconds < FIT_TARGETS.oneFit)}); peak RSS ${itemPeak.toFixed(0)} MB`,
  );
  const { oneThread, wall } = threadedFitSeconds(seconds, itemSeconds, 2);
  console.log(
    `  all fits: one thread ${oneThread.toFixed(0)} s; on 2 worker threads as the engine runs them ${wall.toFixed(0)} s (target < ${FIT_TARGETS.wall} s with the ratings load and model store: ${verdict(wall < FIT_TARGETS.wall)}); peak RSS of one fit ${peak.toFixed(0)} MB (target < ${FIT_TARGETS.peakMb} MB for the whole job: ${verdict(peak < FIT_TARGETS.peakMb)})`,
  );
  const profiles = visitorProfiles(big, 300);
  const warm = profiles.slice(0, 20);
  for (const spec of MODEL_SPECS) {
    const model = models.get(spec.key);
    if (!model) continue;
    const rec = createRecommender(model);
    const filterOf = (profile: RatedMovie[]) =>
      spec.candidates
        ? neighbourhoodFilter(big, profile, {
            candidates: spec.candidates.size,
            minRatings: spec.candidates.minRatings,
          })
        : undefined;
    const serve =
      spec.group === 'predictor'
        ? (profile: RatedMovie[]) => rec.predict(profile, profiles[0]?.map((r) => r.movieId) ?? [])
        : (profile: RatedMovie[]) => rec.recommend(profile, { n: 10, filter: filterOf(profile) });
    for (const profile of warm) serve(profile);
    const times = profiles.map((profile) => {
      const t = performance.now();
      serve(profile);
      return performance.now() - t;
    });
    const what =
      spec.group === 'predictor'
        ? 'fold-in + 20 predictions'
        : `fold-in + top-10${spec.candidates ? ' + candidate filter' : ''}`;
    const p99 = pct(times, 0.99);
    console.log(
      `  serve ${spec.key.padEnd(18)} ${what}: p50 ${pct(times, 0.5).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target p99 < ${FIT_TARGETS.p99Ms} ms: ${verdict(p99 < FIT_TARGETS.p99Ms)})`,
    );
  }
  const lookups = profiles.flatMap((profile) => profile.map((r) => r.movieId));
  const times = lookups.map((movieId) => {
    const t = performance.now();
    similarMoviesFrom(items, movieId, 10);
    return performance.now() - t;
  });
  console.log(
    `  similar movies (top 10 of ${items.k}): p50 ${pct(times, 0.5).toFixed(3)} ms, p99 ${pct(times, 0.99).toFixed(3)} ms over ${lookups.length} lookups; RSS ${mb()}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'boolean' },
      'scale-only': { type: 'boolean' },
      fills: { type: 'string' },
      'max-iter': { type: 'string' },
    },
    strict: true,
  });
  benchRecsys({
    scale: values.scale === true || values['scale-only'] === true,
    scaleOnly: values['scale-only'] === true,
    fills: values.fills?.split(',') as RecsysBenchOptions['fills'],
    maxIter: values['max-iter'] ? Number(values['max-iter']) : undefined,
  }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
