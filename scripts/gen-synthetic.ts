/**
 * Seeded synthetic ratings shaped like MovieLens 32M (200k users, 87k movies, ~32M distinct (user, movie)
 * pairs): Zipf-like movie popularity (long tail), log-normal user activity (≥ 20 ratings each, each user's
 * movies drawn without replacement), ratings from
 * μ + user bias + movie bias + a rank-5 taste term + noise, rounded to halves in 0.5..5.
 *   npm run gen:synthetic -- [--users 200000] [--movies 87000] [--ratings 32000000] [--seed 1]
 *     [--format movielens] [--out .tmp/movielens-synthetic-32m]
 * writes a folder in the ml-latest layout (movies.csv, links.csv, ratings.csv, tags.csv) for
 * `npm run db:import -- --dir <folder>` (scripts/lib/synthetic-movielens.ts); `npm run bench -- --scale` generates
 * the same data itself (in memory for the NMF fits, as folders for the imports). Git-ignored (.tmp/), never committed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RatingColumns } from '../lib/recsys/matrix';
import { mulberry32, normal } from '../lib/recsys/random';
import { positiveInt } from './lib/recsys-cli';
import { runScript, UsageError } from './lib/run-script';
import { writeMovieLensFolder } from './lib/synthetic-movielens';

export interface SyntheticOptions {
  users?: number;
  movies?: number;
  ratings?: number;
  seed?: number;
}

export function generateSynthetic({
  users = 200_000,
  movies = 87_000,
  ratings = 32_000_000,
  seed = 1,
}: SyntheticOptions = {}): RatingColumns {
  const rng = mulberry32(seed);
  const cdf = new Float64Array(movies);
  let acc = 0;
  for (let j = 0; j < movies; j++) cdf[j] = acc += 1 / Math.pow(j + 10, 1.1);
  const activity = Float64Array.from({ length: users }, () => Math.exp(normal(rng) * 1.1));
  const totalActivity = activity.reduce((a, b) => a + b, 0);
  // Each user rates distinct movies (sampled without replacement), at most half the catalogue.
  const cap = Math.max(1, Math.floor(movies / 2));
  const counts = Int32Array.from(activity, (a) =>
    Math.min(cap, Math.max(20, Math.round(((ratings - 20 * users) * a) / totalActivity) + 20)),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  const rank = 5;
  const taste = Float64Array.from({ length: users * rank }, () => normal(rng) * 0.3);
  const genre = Float64Array.from({ length: movies * rank }, () => normal(rng) * 0.3);
  const userBias = Float64Array.from({ length: users }, () => normal(rng) * 0.4);
  const movieBias = Float64Array.from({ length: movies }, () => normal(rng) * 0.5);
  const out = {
    userIds: new Int32Array(total),
    movieIds: new Int32Array(total),
    ratings: new Float32Array(total),
  };
  // taken[j] === u + 1 when user u already rated movie j: a drawn duplicate is drawn again.
  const taken = new Int32Array(movies);
  let p = 0;
  for (let u = 0; u < users; u++) {
    for (let c = 0; c < (counts[u] as number); c++) {
      let lo = 0;
      do {
        const x = rng() * acc;
        lo = 0;
        let hi = movies - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((cdf[mid] as number) < x) lo = mid + 1;
          else hi = mid;
        }
      } while (taken[lo] === u + 1);
      taken[lo] = u + 1;
      let s = 3.5 + (userBias[u] as number) + (movieBias[lo] as number) + normal(rng) * 0.6;
      for (let t = 0; t < rank; t++)
        s += (taste[u * rank + t] as number) * (genre[lo * rank + t] as number) * 4;
      out.userIds[p] = u + 1;
      out.movieIds[p] = lo + 1;
      out.ratings[p] = Math.min(5, Math.max(0.5, Math.round(s * 2) / 2));
      p++;
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  runScript(() => {
    const { values } = parseArgs({
      options: {
        users: { type: 'string' },
        movies: { type: 'string' },
        ratings: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'movielens' },
      },
      strict: true,
    });
    // The one format anything reads (db:import); the flag stays for the command the docs give.
    if (values.format !== 'movielens')
      throw new UsageError(`--format must be movielens (got '${values.format}')`);
    const t0 = performance.now();
    const movies = positiveInt('movies', values.movies, 87_000);
    const seed = positiveInt('seed', values.seed, 1);
    const data = generateSynthetic({
      users: positiveInt('users', values.users, 200_000),
      movies,
      ratings: positiveInt('ratings', values.ratings, 32_000_000),
      seed,
    });
    const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
    const out = values.out ?? '.tmp/movielens-synthetic-32m';
    const written = writeMovieLensFolder(out, data, { movies, seed });
    console.error(
      `wrote ${written.ratings} ratings, ${written.tags} tags and ${movies} movies to ${out}/ (ml-latest layout) in ${seconds()} s`,
    );
  });
}
