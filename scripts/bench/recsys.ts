/**
 * Recommender benchmarks: fit time per NMF fill and cosine on ml-latest-small, reconstruction error
 * beside scikit-learn's (lib/recsys/fixtures/nmf-parity-reference.json), fold-in and cosine latency
 * p50/p99 over training-user profiles, RSS. `--scale`: a 32M-shaped synthetic set (scripts/gen-synthetic.ts),
 * a capped number of NMF iterations, timed per iteration, and fold-in latency.
 *   npx tsx scripts/bench/recsys.ts [--scale]
 */
import path from 'node:path';
import { buildRatingMatrix, createRecommender, fitModel, type FitOptions, type RatedMovie, type RatingMatrix } from '../../lib/recsys/index';
import reference from '../../lib/recsys/fixtures/nmf-parity-reference.json';
import type { NmfModel } from '../../lib/recsys/nmf';
import { mulberry32 } from '../../lib/recsys/random';
import { generateSynthetic } from '../gen-synthetic';
import { readRatingsCsv } from '../lib/recsys-data';

const mb = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`;
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

/** Profiles of `count` random training users, each cut to a random 5..50 of their ratings. */
function sampleProfiles(mat: RatingMatrix, count: number, seed = 7): RatedMovie[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const u = Math.floor(rng() * mat.users);
    const from = mat.rowPtr[u] as number;
    const len = Math.min((mat.rowPtr[u + 1] as number) - from, 5 + Math.floor(rng() * 46));
    return Array.from({ length: len }, (_, t) => ({ movieId: mat.movieIds[mat.colIdx[from + t] as number] as number, rating: mat.values[from + t] as number }));
  });
}

function latency(mat: RatingMatrix, options: FitOptions, model = fitModel(mat, options), count = 300): string {
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

export async function benchRecsys({ scale = false }: { scale?: boolean } = {}): Promise<void> {
  const mat = buildRatingMatrix(readRatingsCsv(path.join(process.cwd(), 'data/ml-latest-small/ratings.csv')));
  console.log(`recsys: ml-latest-small ${mat.users}×${mat.movies}, ${mat.nnz} ratings; RSS ${mb()}`);
  for (const fill of ['zeros', 'global-median', 'movie-median', 'masked'] as const) {
    const [model, seconds] = timed(() => fitModel(mat, { algorithm: 'nmf', fill }) as NmfModel);
    const ref = fill === 'masked' ? undefined : reference.fills[fill];
    const rel = model.reconstructionError / model.normV;
    const vs = ref ? ` vs scikit-learn ${ref.relativeError.toFixed(5)} (×${(rel / ref.relativeError).toFixed(4)}), ${model.iterations} it vs ${ref.iterations}` : ` (observed cells), ${model.iterations} epochs`;
    console.log(`  nmf ${fill.padEnd(13)} fit ${seconds.toFixed(2)} s; rel. error ${rel.toFixed(5)}${vs}; fold-in + top-10 ${latency(mat, { algorithm: 'nmf', fill }, model)}; RSS ${mb()}`);
  }
  for (const options of [{ algorithm: 'cosine' }, { algorithm: 'ease' }, { algorithm: 'mf' }, { algorithm: 'popular' }] as FitOptions[]) {
    const [model, seconds] = timed(() => fitModel(mat, options));
    console.log(`  ${options.algorithm.padEnd(18)} fit ${seconds.toFixed(2)} s; top-10 ${latency(mat, options, model)}; RSS ${mb()}`);
  }
  if (!scale) return;
  console.log('recsys --scale: generating a 32M-shaped synthetic set…');
  const [data, genSeconds] = timed(() => generateSynthetic());
  const [big, buildSeconds] = timed(() => buildRatingMatrix(data));
  console.log(`  ${big.users}×${big.movies}, ${big.nnz} ratings; generate ${genSeconds.toFixed(1)} s, build ${buildSeconds.toFixed(1)} s; RSS ${mb()}`);
  for (const fill of ['movie-median'] as const) {
    const maxIter = 3;
    const [model, seconds] = timed(() => fitModel(big, { algorithm: 'nmf', fill, maxIter }) as NmfModel);
    console.log(`  nmf ${fill} (init + ${maxIter} iterations, capped) ${seconds.toFixed(1)} s; RSS ${mb()}; fold-in + top-10 ${latency(big, { algorithm: 'nmf', fill }, model, 200)}`);
  }
  const [cos, cosSeconds] = timed(() => fitModel(big, { algorithm: 'cosine' }));
  console.log(`  cosine fit ${cosSeconds.toFixed(1)} s; top-10 ${latency(big, { algorithm: 'cosine' }, cos, 100)}; RSS ${mb()}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  benchRecsys({ scale: process.argv.includes('--scale') }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
