/**
 * Measures similar-movies candidates on the fan pair list (lib/recsys/fixtures/similar-movie-pairs.json):
 *   npx tsx scripts/similar-movies.ts [--data data/ml-latest-small] [--show 2571,60069]
 * Prints, per candidate, the pairs found within each other's top 10 (either / both directions), fit
 * seconds and the spread of the figures shown (median similarity of the 1st and 10th neighbour of the movies with ≥ 50 ratings), then
 * the lists of the --show movies for the default measure.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildRatingMatrix, similarMovies } from '../lib/recsys/index';
import { fitEase } from '../lib/recsys/ease';
import { fitNmf } from '../lib/recsys/nmf-recommender';
import { pairAgreement } from '../lib/recsys/evaluate';
import {
  fitItemSimilarity,
  similarMoviesFrom,
  type ItemSimilarityOptions,
} from '../lib/recsys/item-similarity';
import fixture from '../lib/recsys/fixtures/similar-movie-pairs.json';
import { readMoviesCsv, readRatingsCsv } from './lib/recsys-data';
import { requireFile } from './lib/recsys-cli';
import { runScript } from './lib/run-script';

type Similar = (movieId: number, n: number) => { movieId: number; similarity: number }[];

runScript(() => {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/ml-latest-small' },
      show: { type: 'string', default: '2571,60069,260,1' },
      detail: { type: 'string', default: 'nmf|"phi","likedAt":3.5,"shrinkage":2}' },
      grid: { type: 'string' },
    },
    strict: true,
  });
  const mat = buildRatingMatrix(readRatingsCsv(requireFile(path.join(values.data, 'ratings.csv'))));
  const titles = readMoviesCsv(requireFile(path.join(values.data, 'movies.csv')));
  const pairs = fixture.pairs;
  const candidates: [string, () => Similar][] = [
    [
      'nmf zeros k20 (today)',
      () => {
        const m = fitNmf(mat, { fill: 'zeros', rank: 20 });
        return (id, n) => similarMovies(m, id, n);
      },
    ],
    ['ease B row (λ150, rating/5)', () => easeSimilar(fitEase(mat))],
  ];
  const grid: ItemSimilarityOptions[] = [
    { measure: 'cosine', shrinkage: 0 },
    { measure: 'cosine', shrinkage: 10 },
    { measure: 'adjusted', shrinkage: 0 },
    { measure: 'adjusted', shrinkage: 10 },
    { measure: 'binary', shrinkage: 0 },
    { measure: 'binary', shrinkage: 10 },
    { measure: 'asymmetric', alpha: 0.3, shrinkage: 10 },
    { measure: 'asymmetric', alpha: 0.7, shrinkage: 10 },
    { measure: 'liked', likedAt: 4, shrinkage: 0 },
    { measure: 'liked', likedAt: 4, shrinkage: 10 },
    { measure: 'liked', likedAt: 3.5, shrinkage: 2 },
    { measure: 'phi', likedAt: 4, shrinkage: 0 },
    { measure: 'phi', likedAt: 4, shrinkage: 2 },
    { measure: 'phi', likedAt: 4, shrinkage: 10 },
    { measure: 'phi', likedAt: 3.5, shrinkage: 0 },
    { measure: 'phi', likedAt: 3.5, shrinkage: 2 },
    { measure: 'phi', likedAt: 3.5, shrinkage: 5 },
    { measure: 'phi', likedAt: 0, shrinkage: 5 },
  ];
  const chosen = values.grid ? (JSON.parse(values.grid) as ItemSimilarityOptions[]) : grid;
  for (const options of chosen)
    candidates.push([
      JSON.stringify(options),
      () => {
        const m = fitItemSimilarity(mat, options);
        return (id, n) => similarMoviesFrom(m, id, n);
      },
    ]);
  console.log(`${pairs.length} pairs; ${mat.nnz} ratings`);
  console.log(['candidate', 'either', 'both', 'fit s', 'median sim #1', 'median sim #10'].join('\t'));
  for (const [label, fit] of candidates) {
    const t0 = performance.now();
    const similar = fit();
    const seconds = (performance.now() - t0) / 1000;
    const r = pairAgreement(similar, pairs);
    const first: number[] = [];
    const tenth: number[] = [];
    for (let j = 0; j < mat.movies; j++) {
      if ((mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number) < 50) continue;
      const list = similar(mat.movieIds[j] as number, 10);
      if (list.length === 10) {
        first.push(list[0]!.similarity);
        tenth.push(list[9]!.similarity);
      }
    }
    console.log(
      [
        label,
        `${r.either}/${pairs.length}`,
        `${r.both}/${pairs.length}`,
        seconds.toFixed(2),
        median(first).toFixed(3),
        median(tenth).toFixed(3),
      ].join('\t'),
    );
    if (new RegExp(values.detail).test(label)) {
      for (const m of r.missed)
        console.log(`   missed: ${titles.get(m.a)?.title} ~ ${titles.get(m.b)?.title}`);
      for (const id of values.show.split(',').map(Number)) {
        console.log(
          `   ${titles.get(id)?.title} → ${similar(id, 6)
            .map((s) => `${titles.get(s.movieId)?.title} ${(100 * s.similarity).toFixed(0)}%`)
            .join('; ')}`,
        );
      }
    }
  }
});

function easeSimilar(model: ReturnType<typeof fitEase>): Similar {
  const n = model.movieIds.length;
  const index = new Map<number, number>();
  model.movieIds.forEach((id, j) => index.set(id, j));
  return (id, k) => {
    const i = index.get(id);
    if (i === undefined) return [];
    const order = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => (model.B[i * n + b] as number) - (model.B[i * n + a] as number));
    return order
      .slice(0, k)
      .map((j) => ({ movieId: model.movieIds[j] as number, similarity: model.B[i * n + j] as number }));
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[s.length >> 1] as number) : NaN;
}
