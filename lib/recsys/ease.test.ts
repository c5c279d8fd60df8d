/** EASE: the exact SPD inverse, the closed form with weighted X, scoring with the weighted profile. */
import { easeMovies, easeWeight, fitEase, invertSpd, createEaseRecommender, type EaseOptions } from './ease';
import { createRecommender, deserializeModel, serializeModel } from './index';
import { buildRatingMatrix } from './matrix';
import { mulberry32 } from './random';
import { syntheticMatrix } from './test-helpers';

function randomSpd(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const k = n + 3;
  const X = Array.from({ length: n * k }, () => rng() - 0.5);
  const A = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = a === b ? 0.1 : 0;
      for (let t = 0; t < k; t++) s += (X[a * k + t] as number) * (X[b * k + t] as number);
      A[a * n + b] = s;
    }
  }
  return A;
}

describe('invertSpd', () => {
  it.each([1, 2, 3, 4, 5, 7, 16, 33])(
    'inverts a random SPD matrix of size %i exactly (A·P = I, P symmetric)',
    (n) => {
      const A = randomSpd(n, n);
      const P = A.slice();
      invertSpd(P, n);
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          let s = 0;
          for (let t = 0; t < n; t++) s += (A[a * n + t] as number) * (P[t * n + b] as number);
          expect(s).toBeCloseTo(a === b ? 1 : 0, 9);
          expect(P[a * n + b]).toBe(P[b * n + a]);
        }
      }
    },
  );

  it('rejects a matrix that is not positive definite', () => {
    expect(() => invertSpd(Float64Array.of(1, 2, 2, 1), 2)).toThrow(RangeError);
  });
});

describe('fitEase', () => {
  const mat = syntheticMatrix(40, 30, { density: 0.4, seed: 3 });

  /** B from the definition, with a plain Gauss–Jordan inverse of the dense weighted Gram. */
  function referenceB(
    options: Required<Pick<EaseOptions, 'lambda' | 'weighting' | 'lowWeight' | 'dropout'>>,
  ): number[][] {
    const n = mat.movies;
    const G = Array.from({ length: n }, () => new Array<number>(2 * n).fill(0));
    for (let u = 0; u < mat.users; u++) {
      for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
        for (let q = mat.rowPtr[u] as number; q < (mat.rowPtr[u + 1] as number); q++) {
          const w =
            easeWeight(mat.values[p] as number, options.weighting, options.lowWeight) *
            easeWeight(mat.values[q] as number, options.weighting, options.lowWeight);
          const row = G[mat.colIdx[p] as number] as number[];
          row[mat.colIdx[q] as number] = (row[mat.colIdx[q] as number] as number) + w;
        }
      }
    }
    G.forEach((row, a) => {
      row[a] = (row[a] as number) * (1 + options.dropout) + options.lambda;
      row[n + a] = 1;
    });
    for (let c = 0; c < n; c++) {
      const pivot = G[c] as number[];
      const d = pivot[c] as number;
      for (let k = 0; k < 2 * n; k++) pivot[k] = (pivot[k] as number) / d;
      G.forEach((row, r) => {
        if (r === c) return;
        const f = row[c] as number;
        for (let k = 0; k < 2 * n; k++) row[k] = (row[k] as number) - f * (pivot[k] as number);
      });
    }
    const P = G.map((row) => row.slice(n));
    return P.map((row, a) => row.map((x, b) => (a === b ? 0 : -x / ((P[b] as number[])[b] as number))));
  }

  it.each([
    { lambda: 5, weighting: 'binary', lowWeight: 0.5, dropout: 0 },
    { lambda: 5, weighting: 'liked', lowWeight: 0.3, dropout: 0 },
    { lambda: 2, weighting: 'rating', lowWeight: 0.5, dropout: 0.25 },
  ] as const)('matches the closed form B = I − P·diag(1/diag P) for %j', (options) => {
    const model = fitEase(mat, { ...options, minRatings: 1 });
    const want = referenceB(options);
    const n = mat.movies;
    expect(model.movieIds).toEqual(mat.movieIds);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++)
        expect(model.B[a * n + b]).toBeCloseTo((want[a] as number[])[b] as number, 5);
  });

  it("scores a visitor by Σ x_i B_ij with the model's weights", () => {
    const model = fitEase(mat, { lambda: 5, minRatings: 1, weighting: 'liked', lowWeight: 0.25 });
    const n = mat.movieIds.length;
    const profile = [
      { movieId: mat.movieIds[0] as number, rating: 5 },
      { movieId: mat.movieIds[1] as number, rating: 2 },
    ];
    const top = createEaseRecommender(model).recommend(profile, { n: 3 });
    for (const r of top) {
      const j = mat.movieIds.indexOf(r.movieId);
      expect(r.score).toBeCloseTo((model.B[j] as number) + 0.25 * (model.B[n + j] as number), 6);
    }
  });

  it('treats a stored model without weighting fields as binary and round-trips the new fields', () => {
    const model = fitEase(mat, { lambda: 5, minRatings: 1, weighting: 'liked', lowWeight: 0.4 });
    const back = deserializeModel(serializeModel(model));
    expect(createRecommender(back).params).toEqual({
      lambda: 5,
      minRatings: 1,
      weighting: 'liked',
      lowWeight: 0.4,
    });
    const legacy = {
      kind: model.kind,
      lambda: 5,
      minRatings: 1,
      movieIds: model.movieIds,
      B: model.B,
      counts: model.counts,
      means: model.means,
    } as const;
    expect(createEaseRecommender(legacy).params).toEqual({ lambda: 5, minRatings: 1, weighting: 'binary' });
  });

  it('rejects bad options', () => {
    expect(() => fitEase(mat, { lambda: 0 })).toThrow(RangeError);
    expect(() => fitEase(mat, { weighting: 'stars' as never })).toThrow(RangeError);
    expect(() => fitEase(mat, { lowWeight: 2 })).toThrow(RangeError);
    expect(() => fitEase(mat, { dropout: -1 })).toThrow(RangeError);
  });
});

describe('EASE explanations', () => {
  it('never cites a movie the visitor disliked, even when it contributes most ("watched together" with a 1★ movie is no reason)', () => {
    const mat = syntheticMatrix(40, 30, { density: 0.4, seed: 3 });
    const model = fitEase(mat, { lambda: 5, minRatings: 1 });
    const n = model.movieIds.length;
    // A target j, a liked movie g and a disliked movie b with B[b][j] > B[g][j] > 0: the old list led with b.
    let found: { g: number; b: number; j: number } | undefined;
    for (let j = 2; j < n && !found; j++) {
      const rows = [0, 1].sort((x, y) => (model.B[y * n + j] as number) - (model.B[x * n + j] as number));
      const [b, g] = rows as [number, number];
      if ((model.B[g * n + j] as number) > 0) found = { g, b, j };
    }
    expect(found).toBeDefined();
    const { g, b, j } = found as { g: number; b: number; j: number };
    const profile = [
      { movieId: model.movieIds[g] as number, rating: 5 },
      { movieId: model.movieIds[b] as number, rating: 1 },
    ];
    const e = createEaseRecommender(model).explain(profile, model.movieIds[j] as number) as {
      because: { movieId: number }[];
    };
    expect(e.because.map((x) => x.movieId)).toEqual([model.movieIds[g]]);
  });
});

describe('EASE movie cap (32M scale)', () => {
  it('models the maxMovies most rated movies (ties: lower position), in column order', () => {
    const counts = Int32Array.from([5, 30, 12, 30, 8, 40]);
    expect(easeMovies(counts, 10, 10)).toEqual([1, 2, 3, 5]);
    expect(easeMovies(counts, 10, 3)).toEqual([1, 3, 5]);
    expect(easeMovies(counts, 10, 2)).toEqual([1, 5]);
  });

  it('gives the same model when it does not bind, and the EASE of the top movies alone when it does', () => {
    const mat = syntheticMatrix(40, 25, { seed: 3, density: 0.35 });
    const all = fitEase(mat, { minRatings: 1 });
    expect({ ...fitEase(mat, { minRatings: 1, maxMovies: mat.movies }), maxMovies: 0 }).toEqual({
      ...all,
      maxMovies: 0,
    });
    const capped = fitEase(mat, { minRatings: 1, maxMovies: 10 });
    expect(capped.movieIds.length).toBe(10);
    const counts = Array.from(all.counts);
    const tenth = [...counts].sort((a, b) => b - a)[9] as number;
    for (const c of capped.counts) expect(c).toBeGreaterThanOrEqual(tenth);
    // The same as EASE on the matrix with every other movie's ratings removed.
    const kept = new Set(capped.movieIds);
    const rows = [];
    for (let u = 0; u < mat.users; u++)
      for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++) {
        const movieId = mat.movieIds[mat.colIdx[p] as number] as number;
        if (kept.has(movieId))
          rows.push({ userId: mat.userIds[u] as number, movieId, rating: mat.values[p] as number });
      }
    const alone = fitEase(buildRatingMatrix(rows), { minRatings: 1 });
    expect(alone.movieIds).toEqual(capped.movieIds);
    alone.B.forEach((b, i) => expect(capped.B[i]).toBeCloseTo(b, 6));
    expect(() => fitEase(mat, { maxMovies: 0 })).toThrow(RangeError);
  });
});
