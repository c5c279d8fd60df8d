import {
  averagePrecision,
  evaluateRecommender,
  novelty,
  personalisation,
  rankingMetrics,
  splitByUser,
} from './evaluate';
import { buildRatingMatrix, createRecommender, fitModel } from './index';
import { mulberry32 } from './random';
import { syntheticRows } from './test-helpers';

describe('ranking metrics on hand-computed cases', () => {
  it('perfect, empty and mixed lists', () => {
    expect(rankingMetrics([1, 2], new Set([1, 2]), 2)).toEqual({ precision: 1, recall: 1, ndcg: 1 });
    expect(rankingMetrics([3, 4], new Set([1]), 2)).toEqual({ precision: 0, recall: 0, ndcg: 0 });
    // hit at rank 2 of 3, two relevant: DCG = 1/log2(3), IDCG = 1 + 1/log2(3).
    const m = rankingMetrics([9, 1, 8], new Set([1, 2]), 3);
    expect(m.precision).toBeCloseTo(1 / 3);
    expect(m.recall).toBeCloseTo(0.5);
    expect(m.ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
  });

  it('divides precision by n even when the list is shorter', () => {
    expect(rankingMetrics([1], new Set([1]), 10).precision).toBeCloseTo(0.1);
  });
});

describe('splitByUser', () => {
  const userIds = Int32Array.from({ length: 100 }, (_, p) => 1 + (p % 4));
  const data = {
    userIds,
    movieIds: Int32Array.from({ length: 100 }, (_, p) => p),
    ratings: new Float32Array(100).fill(4),
  };
  it('holds out 20% of each user, deterministically, without losing ratings', () => {
    const a = splitByUser(data, { seed: 42 });
    const b = splitByUser(data, { seed: 42 });
    expect(a.test.movieIds).toEqual(b.test.movieIds);
    expect(a.test.userIds.length).toBe(20);
    expect(a.train.userIds.length + a.test.userIds.length).toBe(100);
    for (const u of [1, 2, 3, 4]) expect(Array.from(a.test.userIds).filter((x) => x === u).length).toBe(5);
    expect(splitByUser(data, { seed: 1 }).test.movieIds).not.toEqual(a.test.movieIds);
  });
});

describe('MAP, personalisation and novelty on hand-computed cases', () => {
  it('average precision: hits at ranks 1 and 3 of two relevant → (1/1 + 2/3)/2', () => {
    expect(averagePrecision([1, 9, 2], new Set([1, 2]), 3)).toBeCloseTo((1 + 2 / 3) / 2);
    // normalised by min(|relevant|, n): 5 relevant, n = 2, both hits → 1.
    expect(averagePrecision([1, 2, 9], new Set([1, 2, 3, 4, 5]), 2)).toBeCloseTo(1);
    expect(averagePrecision([7, 8], new Set([1]), 2)).toBe(0);
    expect(averagePrecision([7, 8], new Set(), 2)).toBe(0);
  });

  it('personalisation: identical lists 0, disjoint 1, one shared of two → 1 − mean(1/2, 0, 0)', () => {
    expect(
      personalisation([
        [1, 2],
        [1, 2],
        [2, 1],
      ]),
    ).toBe(0);
    expect(
      personalisation([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(1);
    expect(
      personalisation([
        [1, 2],
        [2, 3],
        [4, 5],
      ]),
    ).toBeCloseTo(1 - 0.5 / 3);
    expect(personalisation([[1]])).toBe(0);
  });

  it('personalisation: sampled pairs (seeded, reproducible) estimate the exact value', () => {
    const rng = mulberry32(3);
    const lists = Array.from({ length: 200 }, () => Array.from({ length: 10 }, () => Math.floor(rng() * 40)));
    const exact = personalisation(lists);
    const a = personalisation(lists, { maxPairs: 5000, rng: mulberry32(1) });
    expect(a).toBe(personalisation(lists, { maxPairs: 5000, rng: mulberry32(1) }));
    expect(a).toBeCloseTo(exact, 2);
  });

  it('novelty: −log2(share) averaged over every shown movie', () => {
    // 8 users; movie 1 rated by 4 (1 bit), movie 2 by 1 (3 bits), movie 3 by none (counted as 1: 3 bits).
    const counts = new Map([
      [1, 4],
      [2, 1],
    ]);
    expect(
      novelty(
        [
          [1, 2],
          [1, 3],
        ],
        counts,
        8,
      ),
    ).toBeCloseTo((1 + 3 + 1 + 3) / 4);
    expect(novelty([], counts, 8)).toBe(0);
  });
});

describe('evaluateRecommender', () => {
  const rows = syntheticRows(40, 60, { density: 0.4, seed: 5 });
  // Shifted up by 1.5★ so that most users hold out some relevant (≥ 4★) movie.
  const data = {
    userIds: rows.map((r) => r.userId),
    movieIds: rows.map((r) => r.movieId),
    ratings: rows.map((r) => Math.min(5, r.rating + 1.5)),
  };
  const { train, test } = splitByUser(data, { seed: 42 });
  it('keeps per-user NDCG aligned with the ranked users, averaging to the reported NDCG; metrics in range', () => {
    const rec = createRecommender(fitModel(buildRatingMatrix(train), { algorithm: 'popular' }));
    const r = evaluateRecommender(rec, train, test, { catalogueSize: 60 });
    expect(r.users).toBeGreaterThan(10);
    expect(r.perUser.userIds.length).toBe(r.users);
    expect(r.perUser.ndcg.length).toBe(r.users);
    expect(Array.from(r.perUser.userIds)).toEqual([...r.perUser.userIds].sort((a, b) => a - b));
    expect(r.perUser.ndcg.reduce((s, x) => s + x, 0) / r.users).toBeCloseTo(r.ndcg, 12);
    expect(r.recallAtN).toBeGreaterThanOrEqual(r.recall);
    for (const x of [r.map, r.personalisation, r.recallAtN]) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of [r.map, r.personalisation, r.recallAtN]) expect(x).toBeLessThanOrEqual(1);
    expect(r.novelty).toBeGreaterThan(0);
  });
});
