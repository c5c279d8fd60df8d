import fc from 'fast-check';
import { profileVector } from './common';
import { buildRatingMatrix, LARGE_DATA_RATINGS } from './matrix';
import { fitMaskedNmf, MASKED_LARGE_DATA_EPOCHS } from './nmf-masked';
import { filledLoss, filledMatrix, fillValues, fitFilledNmf } from './nmf';
import { createNmfRecommender, fitNmf, foldIn, similarMovies } from './nmf-recommender';
import { denseFilled, syntheticMatrix, syntheticRows } from './test-helpers';
import type { NmfFill } from './types';

const fills: Exclude<NmfFill, 'masked'>[] = ['zeros', 'global-median', 'movie-median'];

describe('filled matrix products and loss equal the dense computation', () => {
  it.each(fills)('%s', (fill) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const mat = syntheticMatrix(7, 9, { density: 0.4, seed });
        const k = 3;
        const V = filledMatrix(mat, fillValues(mat, fill));
        const D = denseFilled(mat, V.c);
        const [m, n] = [mat.users, mat.movies];
        const W = Float64Array.from({ length: m * k }, (_, p) => ((p * 37) % 11) / 7);
        const H = Float64Array.from({ length: n * k }, (_, p) => ((p * 53) % 13) / 9);
        const VH = new Float64Array(m * k);
        V.matmat(H, k, VH);
        const VtW = new Float64Array(n * k);
        V.rmatmat(W, k, VtW);
        let loss = 0;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let wh = 0;
            for (let t = 0; t < k; t++) {
              wh += (W[i * k + t] as number) * (H[j * k + t] as number);
            }
            loss += ((D[i * n + j] as number) - wh) ** 2;
          }
        }
        for (let i = 0; i < m; i++)
          for (let t = 0; t < k; t++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += (D[i * n + j] as number) * (H[j * k + t] as number);
            expect(VH[i * k + t]).toBeCloseTo(s, 9);
          }
        for (let j = 0; j < n; j++)
          for (let t = 0; t < k; t++) {
            let s = 0;
            for (let i = 0; i < m; i++) s += (D[i * n + j] as number) * (W[i * k + t] as number);
            expect(VtW[j * k + t]).toBeCloseTo(s, 9);
          }
        expect(filledLoss(V, mat, W, H, k)).toBeCloseTo(loss, 7);
        expect(V.normSq).toBeCloseTo(
          D.reduce((a, x) => a + x * x, 0),
          9,
        );
      }),
      { numRuns: 15 },
    );
  });
});

describe('fitFilledNmf', () => {
  const mat = syntheticMatrix(40, 50, { density: 0.3, seed: 3 });

  it.each(fills)('%s: W, H ≥ 0 and the loss never rises', (fill) => {
    const losses: number[] = [];
    const V = filledMatrix(mat, fillValues(mat, fill));
    const model = fitFilledNmf(mat, { fill, rank: 5, tol: 1e-6 }, (_it, _v, W, H) =>
      losses.push(filledLoss(V, mat, W, H, 5)),
    );
    expect(model.W.every((x) => x >= 0) && model.H.every((x) => x >= 0)).toBe(true);
    for (let i = 1; i < losses.length; i++)
      expect(losses[i]).toBeLessThanOrEqual((losses[i - 1] as number) * (1 + 1e-12));
    expect(model.reconstructionError ** 2).toBeCloseTo(losses[losses.length - 1] as number, 6);
  });

  it('recovers a planted non-negative low-rank matrix (fully observed, zeros fill)', () => {
    const [m, n, r] = [30, 25, 3];
    const rows = [];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < r; t++) s += ((((i + 1) * (t + 2)) % 5) * (((j + 3) * (t + 1)) % 4)) / 4;
        rows.push({ userId: i, movieId: j, rating: s + 0.5 });
      }
    const planted = buildRatingMatrix(rows);
    const model = fitFilledNmf(planted, { fill: 'zeros', rank: 4, tol: 1e-10, maxIter: 3000 });
    expect(model.reconstructionError / model.normV).toBeLessThan(1e-3);
  });

  it('does not change its input and is deterministic', () => {
    const before = Float32Array.from(mat.values);
    const a = fitFilledNmf(mat, { fill: 'movie-median', rank: 4 });
    const b = fitFilledNmf(mat, { fill: 'movie-median', rank: 4 });
    expect(mat.values).toEqual(before);
    expect(a.W).toEqual(b.W);
  });

  it('rejects bad options with a RangeError', () => {
    expect(() => fitFilledNmf(mat, { rank: 0 })).toThrow(RangeError);
    expect(() => fitFilledNmf(mat, { fill: 'bogus' as NmfFill })).toThrow(RangeError);
    expect(() => fitFilledNmf(mat, { rank: 41 })).toThrow(RangeError);
  });
});

describe('foldIn', () => {
  const rows = syntheticRows(40, 50, { density: 0.4, seed: 5 });
  const mat = buildRatingMatrix(rows);
  it.each([...fills, 'masked' as const])(
    '%s: folding in a training user gives (nearly) their row of W',
    (fill) => {
      const model = fitNmf(mat, {
        fill,
        rank: 4,
        tol: 1e-9,
        lossTol: 0,
        maxIter: fill === 'masked' ? 60 : 3000,
      });
      for (const user of [0, 7, 21]) {
        const profile = rows.filter((r) => r.userId === (mat.userIds[user] as number));
        const { w } = foldIn(model, profileVector(profile, mat.movieIndex));
        const row = model.W.subarray(user * 4, user * 4 + 4);
        const scale = Math.max(...row, 1e-9);
        w.forEach((x, t) => expect(Math.abs(x - (row[t] as number)) / scale).toBeLessThan(2e-2));
      }
    },
  );
});

describe('similarMovies', () => {
  it('ranks by cosine of factor rows, never the movie itself, [] for unknown ids', () => {
    const mat = syntheticMatrix(30, 30, { seed: 9 });
    const model = fitNmf(mat, { fill: 'zeros', rank: 3 });
    const out = similarMovies(model, 101, 5);
    expect(out).toHaveLength(5);
    expect(out.map((x) => x.movieId)).not.toContain(101);
    expect(out[0]?.similarity).toBeLessThanOrEqual(1 + 1e-12);
    expect(similarMovies(model, -5)).toEqual([]);
  });
});

describe('explanations cite only liked movies', () => {
  const mat = syntheticMatrix(50, 40, { density: 0.4, seed: 9 });
  const liked = mat.movieIds.slice(0, 3);
  const disliked = mat.movieIds.slice(3, 6);
  const profile = [
    ...Array.from(liked, (movieId) => ({ movieId, rating: 4.5 })),
    ...Array.from(disliked, (movieId) => ({ movieId, rating: 1 })),
  ];

  it.each(['zeros', 'movie-median', 'masked'] as const)(
    '%s: a 1★ movie that lifted a score goes to `disliked`, never to `because`',
    (fill) => {
      const rec = createNmfRecommender(fitNmf(mat, { fill, rank: 4, maxIter: fill === 'masked' ? 10 : 200 }));
      let lifted = 0;
      for (const id of mat.movieIds.slice(6)) {
        const e = rec.explain(profile, id) as {
          because: { movieId: number; rating: number; contribution: number }[];
          disliked?: { movieId: number; rating: number }[];
        };
        for (const b of e.because) {
          expect(Array.from(liked)).toContain(b.movieId);
          expect(b.contribution).toBeGreaterThan(0);
        }
        for (const d of e.disliked ?? []) expect(Array.from(disliked)).toContain(d.movieId);
        lifted += e.disliked?.length ?? 0;
      }
      // With zeros every contribution is r·(positive or negative dot): 1★ movies do lift some scores, so the split matters.
      if (fill === 'zeros') expect(lifted).toBeGreaterThan(0);
    },
  );
});

describe('masked NMF epochs', () => {
  it('fits 30 epochs below LARGE_DATA_RATINGS unless maxIter says otherwise, and reports each epoch', () => {
    const mat = syntheticMatrix(20, 15, { seed: 2, density: 0.4 });
    expect(mat.nnz).toBeLessThan(LARGE_DATA_RATINGS);
    const epochs: number[] = [];
    const model = fitMaskedNmf(mat, { fill: 'masked', rank: 3 }, (epoch) => epochs.push(epoch));
    expect(model.iterations).toBe(30);
    expect(epochs).toEqual(Array.from({ length: 30 }, (_, t) => t + 1));
    expect(fitMaskedNmf(mat, { fill: 'masked', rank: 3, maxIter: 4 }).iterations).toBe(4);
    expect(MASKED_LARGE_DATA_EPOCHS).toBeLessThan(30);
  });
});
