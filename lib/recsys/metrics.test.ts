import { rankingMetrics, splitByUser } from './evaluate';

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
  const data = { userIds, movieIds: Int32Array.from({ length: 100 }, (_, p) => p), ratings: new Float32Array(100).fill(4) };
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
