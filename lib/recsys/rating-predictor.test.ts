/** The shrunk rating predictor: its definition on a small model, and no pile-up at 5★ on real data. */
import { createNmfRecommender, fitNmf } from './nmf-recommender';
import { fitMf } from './mf';
import { buildRatingMatrix } from './matrix';
import { createRatingPredictor } from './rating-predictor';
import { readMovieLensSmall, syntheticMatrix } from './test-helpers';
import type { RatedMovie } from './types';

describe('createRatingPredictor', () => {
  const mat = syntheticMatrix(50, 40, { density: 0.35, seed: 5 });
  const model = fitNmf(mat, { fill: 'masked', rank: 4, maxIter: 10 });
  const own = createNmfRecommender(model);
  const ids = Array.from(mat.movieIds);
  const baseline = (id: number) =>
    Math.min(5, Math.max(0.5, model.globalMean + (model.movieBias[ids.indexOf(id)] as number)));
  const profile: RatedMovie[] = [
    { movieId: ids[0] as number, rating: 5 },
    { movieId: ids[1] as number, rating: 4.5 },
  ];

  it('λ = 0 gives the model’s own predictions', () => {
    const want = own.predict(profile, ids) as number[];
    createRatingPredictor(model, { shrinkage: 0 })
      .predict(profile, ids)
      .forEach((x, t) => expect(x).toBeCloseTo(want[t] as number, 12));
  });

  it('with no known rating answers the movie baseline μ + b_j; null for an unknown movie', () => {
    const p = createRatingPredictor(model);
    expect(p.predict([], ids)).toEqual(ids.map(baseline));
    expect(p.predict([{ movieId: -5, rating: 5 }], ids.slice(0, 3))).toEqual(ids.slice(0, 3).map(baseline));
    expect(p.predict(profile, [424242])).toEqual([null]);
  });

  it('moves n/(n + λ) of the way from the baseline to the model’s prediction', () => {
    const lambda = 6;
    const got = createRatingPredictor(model, { shrinkage: lambda }).predict(profile, ids) as number[];
    const full = createRatingPredictor(model, { shrinkage: 0 }).predict(profile, ids) as number[];
    ids.forEach((id, j) => {
      const b = model.globalMean + (model.movieBias[j] as number);
      const unclamped = own.predict(profile, [id])[0] as number;
      if (unclamped > 0.5 && unclamped < 5)
        expect(got[j]).toBeCloseTo(b + (2 / (2 + lambda)) * ((full[j] as number) - b), 9);
      expect(got[j]).toBeGreaterThanOrEqual(0.5);
      expect(got[j]).toBeLessThanOrEqual(5);
    });
  });

  it('tends to the model’s prediction as the profile grows', () => {
    const big = ids.slice(0, 30).map((movieId, t) => ({ movieId, rating: 1 + (t % 9) / 2 }));
    const shrunk = createRatingPredictor(model, { shrinkage: 3 }).predict(big, ids.slice(30)) as number[];
    const small = createRatingPredictor(model, { shrinkage: 3 }).predict(
      big.slice(0, 2),
      ids.slice(30),
    ) as number[];
    const target = own.predict(big, ids.slice(30)) as number[];
    const gap = (xs: number[], ys: number[]) =>
      xs.reduce((s, x, t) => s + Math.abs(x - (ys[t] as number)), 0);
    expect(gap(shrunk, target)).toBeLessThan(0.15 * ids.slice(30).length);
    expect(gap(small, own.predict(big.slice(0, 2), ids.slice(30)) as number[])).toBeGreaterThan(
      gap(shrunk, target),
    );
  });

  it('works on biased MF and rejects models that do not predict ratings with biases', () => {
    expect(
      createRatingPredictor(fitMf(mat, { rank: 3, maxIter: 3 })).predict(profile, ids.slice(0, 2)),
    ).toHaveLength(2);
    expect(() => createRatingPredictor(fitNmf(mat, { fill: 'zeros', rank: 3 }))).toThrow(RangeError);
    expect(() =>
      createRatingPredictor(fitNmf(mat, { fill: 'masked', rank: 3, maxIter: 2, biases: false })),
    ).toThrow(RangeError);
    expect(() => createRatingPredictor(model, { shrinkage: -1 })).toThrow(RangeError);
  });
});

describe('no pile-up at 5★ (ml-latest-small, masked NMF k = 20)', () => {
  const mat = buildRatingMatrix(readMovieLensSmall());
  const model = fitNmf(mat, { fill: 'masked', rank: 20 });
  const own = createNmfRecommender(model);
  const predictor = createRatingPredictor(model);
  const shownAsFive = (ps: (number | null)[]) =>
    ps.filter((x) => x !== null && x.toFixed(1) === '5.0').length;
  const fives = (ids: number[]) => ids.map((movieId) => ({ movieId, rating: 5 }));

  // Reference counts from scripts/rating-predictor.ts: the model's own top 12 showed 12/12 at 5.0★ for both profiles.
  it.each([
    ['2 ratings: Toy Story 5★, The Matrix 5★ (no card at 5.0★)', fives([1, 2571]), 0],
    [
      '10 × 5★ horror fan (at most 1 card at 5.0★; measured 0)',
      fives([1258, 1214, 1387, 1997, 1219, 2288, 1407, 8957, 1347, 1982]),
      1,
    ],
  ] as const)('%s', (_name, profile, allowed) => {
    const top = own.recommend(profile, { n: 12 });
    expect(shownAsFive(top.map((r) => r.predictedRating))).toBe(12);
    const shrunk = predictor.predict(
      profile,
      top.map((r) => r.movieId),
    );
    expect(shownAsFive(shrunk)).toBeLessThanOrEqual(allowed);
    expect(new Set(shrunk.map((x) => x?.toFixed(1))).size).toBeGreaterThan(3); // the figures differ card to card
  });
});
