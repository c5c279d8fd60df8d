import fc from 'fast-check';
import { profileVector } from './common';
import {
  createCosineRecommender,
  fitCosine,
  neighbourPool,
  profileSimilarities,
  userSimilaritiesAmong,
} from './cosine';
import { buildRatingMatrix } from './matrix';
import { createRecommender, fitModel, type FitOptions } from './index';
import { syntheticMatrix, syntheticRows } from './test-helpers';
import type { Explanation } from './types';

describe('cosine similarity', () => {
  it('cos(x, x) = 1 for a user against themselves (plain and centred)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.boolean(), (seed, centred) => {
        const rows = syntheticRows(15, 20, { seed, density: 0.5 });
        const mat = buildRatingMatrix(rows);
        const model = fitCosine(mat, { centred });
        const u = mat.userIds[3] as number;
        const pv = profileVector(
          rows.filter((r) => r.userId === u),
          mat.movieIndex,
        );
        const sims = profileSimilarities(model, pv);
        if ((model.userNorms[3] as number) > 1e-9) expect(sims[3]).toBeCloseTo(1, 9);
        for (const s of sims) expect(Math.abs(s)).toBeLessThanOrEqual(1 + 1e-9);
      }),
      { numRuns: 20 },
    );
  });

  it('similarities among a few users: symmetric, unit diagonal, shared counts, equal to the brute-force measure', () => {
    const mat = syntheticMatrix(25, 30, { seed: 4, density: 0.4 });
    const before = Float32Array.from(mat.values);
    const users = [3, 0, 17, 3, 24, 9];
    for (const centred of [true, false]) {
      const model = fitCosine(mat, { centred });
      const { similarity, shared } = userSimilaritiesAmong(model, users);
      const n = users.length;
      const row = (u: number) => {
        const out = new Map<number, number>();
        for (let p = mat.rowPtr[u] as number; p < (mat.rowPtr[u + 1] as number); p++)
          out.set(
            mat.colIdx[p] as number,
            (mat.values[p] as number) - (centred ? (model.userMeans[u] as number) : 0),
          );
        return out;
      };
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          const [ra, rb] = [row(users[a] as number), row(users[b] as number)];
          let dot = 0;
          let count = 0;
          for (const [j, x] of ra) if (rb.has(j)) [dot, count] = [dot + x * (rb.get(j) as number), count + 1];
          const norms =
            (model.userNorms[users[a] as number] as number) * (model.userNorms[users[b] as number] as number);
          expect(shared[a * n + b]).toBe(count);
          expect(similarity[a * n + b]).toBe(similarity[b * n + a]);
          if (users[a] === users[b]) expect(similarity[a * n + b]).toBe(1);
          else expect(similarity[a * n + b]).toBeCloseTo(dot / norms, 5);
        }
        expect(shared[a * n + a]).toBe(row(users[a] as number).size);
      }
    }
    expect(mat.values).toEqual(before);
  });
});

describe('checkerboard: two user groups × two movie groups', () => {
  // Group A users love movies 1..5 and dislike 6..10; group B the reverse. Each user misses one movie of
  // the group they love; the visitor behaves like group A, so the right answer is A's remaining movies.
  const rows = [];
  for (let u = 1; u <= 12; u++) {
    const groupA = u <= 6;
    for (let m = 1; m <= 10; m++) {
      if (m === (u % 5) + 1 || m === (u % 5) + 6) continue;
      const loved = groupA === m <= 5;
      rows.push({ userId: u, movieId: m, rating: loved ? 5 : 1 });
    }
  }
  const mat = buildRatingMatrix(rows);
  const visitor = [
    { movieId: 1, rating: 5 },
    { movieId: 2, rating: 5 },
    { movieId: 6, rating: 1 },
    { movieId: 7, rating: 1 },
  ];
  const cases: FitOptions[] = [
    { algorithm: 'cosine', neighbours: 6 },
    { algorithm: 'nmf', fill: 'zeros', rank: 2 },
    { algorithm: 'nmf', fill: 'movie-median', rank: 2 },
    { algorithm: 'nmf', fill: 'masked', rank: 2 },
    // Not EASE: it reads ratings as binary "watched", so the visitor's two 1-star movies pull in group B.
  ];
  it.each(cases)('%j recommends movies 3, 4, 5 first', (options) => {
    const rec = createRecommender(fitModel(mat, options));
    expect(
      rec
        .recommend(visitor, { n: 3 })
        .map((r) => r.movieId)
        .sort(),
    ).toEqual([3, 4, 5]);
  });

  it('cosine explains with the neighbours who rated the movie', () => {
    const rec = createCosineRecommender(fitCosine(mat, { neighbours: 6 }));
    const e = rec.explain(visitor, 3);
    expect(e.kind).toBe('cosine');
    if (e.kind === 'cosine' && 'neighbours' in e) {
      expect(e.supporters).toBeGreaterThan(0);
      for (const n of e.neighbours as { userId: number; rating: number }[])
        expect(n.userId).toBeLessThanOrEqual(6);
    }
    expect(rec.predict(visitor, [3])[0]).toBeGreaterThan(4);
  });
});

describe('cosine explanations cite supporters only', () => {
  // Users 1–4 loved movies 1–3 and rated movie 4 with 5★ (1, 2) or 1★ (3, 4): all four are the visitor's neighbours.
  const rows = [];
  for (let u = 1; u <= 4; u++) {
    for (const m of [1, 2, 3]) rows.push({ userId: u, movieId: m, rating: 5 });
    rows.push({ userId: u, movieId: 4, rating: u <= 2 ? 5 : 1 });
  }
  const rec = createCosineRecommender(fitCosine(buildRatingMatrix(rows), { neighbours: 4 }));
  const visitor = [
    { movieId: 1, rating: 5 },
    { movieId: 2, rating: 4 },
  ];

  it('counts and lists only the neighbours who rated the movie ≥ 4★; raters counts them all', () => {
    for (const e of [
      rec.explain(visitor, 4),
      ...rec
        .recommend(visitor, { n: 5 })
        .filter((r) => r.movieId === 4)
        .map((r) => r.explanation),
    ]) {
      expect(e).toMatchObject({ kind: 'cosine', supporters: 2, raters: 4 });
      expect((e as Extract<Explanation, { kind: 'cosine' }>).neighbours.map((x) => x.userId).sort()).toEqual([
        1, 2,
      ]);
    }
  });
});

describe('cosine neighbour pool (32M scale)', () => {
  const mat = syntheticMatrix(60, 40, { seed: 9, density: 0.3 });
  const model = fitCosine(mat);
  const profile = Array.from({ length: 8 }, (_, t) => ({
    movieId: mat.movieIds[t * 3] as number,
    rating: 1 + (t % 5),
  }));

  it('is every user (identical lists) while the users fit the pool', () => {
    expect(neighbourPool(mat, 60)).toBeNull();
    const a = createCosineRecommender(model).recommend(profile, { n: 10 });
    const b = createCosineRecommender(model, { maxUsers: 60 }).recommend(profile, { n: 10 });
    expect(b).toEqual(a);
  });

  it('above, is every ⌈users/maxUsers⌉-th user, with their similarities exact and the others 0', () => {
    const pool = neighbourPool(mat, 20) as NonNullable<ReturnType<typeof neighbourPool>>;
    expect(Array.from(pool.users)).toEqual(Array.from({ length: 20 }, (_, t) => t * 3));
    const pv = profileVector(profile, mat.movieIndex);
    const full = profileSimilarities(model, pv);
    const pooled = profileSimilarities(model, pv, -1, pool);
    for (let v = 0; v < mat.users; v++) expect(pooled[v]).toBe(v % 3 === 0 ? full[v] : 0);
    const recs = createCosineRecommender(model, { maxUsers: 20 }).recommend(profile, { n: 5 });
    for (const rec of recs) {
      const { neighbours } = rec.explanation as Extract<Explanation, { kind: 'cosine' }>;
      for (const nb of neighbours) expect((mat.userIndex.get(nb.userId) as number) % 3).toBe(0);
    }
    expect(() => neighbourPool(mat, 0)).toThrow(RangeError);
  });
});
