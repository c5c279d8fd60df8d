/**
 * Chooses the shrinkage λ of lib/recsys/rating-predictor.ts and shows what a visitor would see:
 *   npx tsx scripts/rating-predictor.ts [--data data/ml-latest-small] [--lambdas 0,2,5,10,20]
 * 1. RMSE / MAE on the evaluate protocol (80/20 per user, seed 42) for masked NMF and biased MF, per λ.
 * 2. Personas on the full data: EASE's top 12 for a profile, and how many of those 12 cards would read
 *    "5.0★" (a prediction ≥ 4.95, shown with one decimal) with the model as is (λ 0) and with each λ.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildRatingMatrix, createRecommender, type Recommender } from '../lib/recsys/index';
import { fitEase } from '../lib/recsys/ease';
import { fitMf } from '../lib/recsys/mf';
import { fitNmf } from '../lib/recsys/nmf-recommender';
import { evaluateRecommender, splitByUser } from '../lib/recsys/evaluate';
import type { MfModel, NmfModel } from '../lib/recsys/nmf';
import { createRatingPredictor } from '../lib/recsys/rating-predictor';
import type { RatedMovie } from '../lib/recsys/types';
import { readMoviesCsv, readRatingsCsv } from './lib/recsys-data';
import { requireFile } from './lib/recsys-cli';
import { runScript } from './lib/run-script';

const fives = (ids: number[]): RatedMovie[] => ids.map((movieId) => ({ movieId, rating: 5 }));
/** Profiles chosen by hand; ids from data/ml-latest-small/movies.csv. */
const PERSONAS: [string, RatedMovie[]][] = [
  ['2 ratings: Toy Story 5★, The Matrix 5★', fives([1, 2571])],
  [
    '2 ratings: Amelie 5★, Titanic 4★',
    [
      { movieId: 4973, rating: 5 },
      { movieId: 1721, rating: 4 },
    ],
  ],
  [
    '2 ratings: Alien 4.5★, Saw 1★',
    [
      { movieId: 1214, rating: 4.5 },
      { movieId: 8957, rating: 1 },
    ],
  ],
  ['10 × 5★ animation fan', fives([1, 364, 588, 595, 6377, 4886, 8961, 68954, 60069, 4306])],
  ['10 × 5★ sci-fi fan', fives([260, 1196, 1210, 2571, 1214, 1200, 1240, 589, 541, 1270])],
  ['10 × 5★ horror fan', fives([1258, 1214, 1387, 1997, 1219, 2288, 1407, 8957, 1347, 1982])],
];

runScript(() => {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/ml-latest-small' },
      lambdas: { type: 'string', default: '0,2,5,10,20' },
    },
    strict: true,
  });
  const lambdas = values.lambdas.split(',').map(Number);
  const all = readRatingsCsv(requireFile(path.join(values.data, 'ratings.csv')));
  const titles = readMoviesCsv(requireFile(path.join(values.data, 'movies.csv')));
  const { train, test } = splitByUser(all, { seed: 42 });
  const trainMat = buildRatingMatrix(train);
  console.log(['model', 'λ', 'RMSE', 'MAE'].join('\t'));
  const fits: [string, () => NmfModel | MfModel][] = [
    ['masked NMF', () => fitNmf(trainMat, { fill: 'masked', rank: 20 })],
    ['biased MF', () => fitMf(trainMat, { rank: 20 })],
  ];
  for (const [label, fit] of fits) {
    const model = fit();
    for (const lambda of lambdas) {
      const predictor = createRatingPredictor(model, { shrinkage: lambda });
      const rec: Recommender = {
        algorithm: model.kind,
        params: {},
        recommend: () => [],
        explain: () => ({ kind: 'none', text: '' }),
        predict: predictor.predict,
      };
      const r = evaluateRecommender(rec, train, test, { catalogueSize: trainMat.movies });
      console.log([label, lambda, r.rmse?.toFixed(4), r.mae?.toFixed(4)].join('\t'));
    }
  }

  const mat = buildRatingMatrix(all);
  const ease = createRecommender(fitEase(mat));
  const masked = fitNmf(mat, { fill: 'masked', rank: 20 });
  const mf = fitMf(mat, { rank: 20 });
  const title = (id: number) => (titles.get(id)?.title ?? `#${id}`).slice(0, 28);
  for (const [name, profile] of PERSONAS) {
    const top = ease.recommend(profile, { n: 12 }).map((r) => r.movieId);
    console.log(`\n${name}: EASE top 12 = ${top.map(title).join('; ')}`);
    for (const [label, model] of [
      ['masked NMF', masked],
      ['biased MF', mf],
    ] as const) {
      // What the site showed before: the model's own top 12, whose predictions are its ranking scores.
      const own = createRecommender(model).recommend(profile, { n: 12 });
      const ownIds = own.map((r) => r.movieId);
      const atCap = (ps: (number | null)[]) => ps.filter((x) => x !== null && x.toFixed(1) === '5.0').length;
      console.log(
        `  ${label} own top 12 (${ownIds.slice(0, 4).map(title).join('; ')}…): ${atCap(own.map((r) => r.predictedRating))}/12 at 5.0★ as is; ${lambdas.map((l) => `λ ${l}: ${atCap(createRatingPredictor(model, { shrinkage: l }).predict(profile, ownIds))}`).join(', ')}`,
      );
      for (const lambda of lambdas) {
        const p = createRatingPredictor(model, { shrinkage: lambda }).predict(profile, top) as number[];
        const shown = p.map((x) => x.toFixed(1));
        console.log(
          `  ${label} λ ${lambda}: ${shown.filter((s) => s === '5.0').length}/12 at 5.0★; min ${Math.min(...p).toFixed(2)} max ${Math.max(...p).toFixed(2)}: ${shown.join(' ')}`,
        );
      }
    }
  }
});
