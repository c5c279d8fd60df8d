import { minRatingsFilter, neighbourhoodFilter } from './candidates';
import { buildRatingMatrix, nestedRaterSample, type RatingRow } from './matrix';
import { mulberry32 } from './random';

describe('minRatingsFilter', () => {
  it('passes movies with at least the threshold, composes with another filter, checks its argument', () => {
    const count = (id: number) => id; // a movie's count is its id here
    const f = minRatingsFilter(count, 20, (id) => id % 2 === 0);
    expect([10, 20, 21, 30].filter(f)).toEqual([20, 30]);
    expect([0, 1].filter(minRatingsFilter(count, 0))).toEqual([0, 1]);
    expect(() => minRatingsFilter(count, -1)).toThrow(RangeError);
    expect(() => minRatingsFilter(count, 1.5)).toThrow(RangeError);
  });
});

describe('neighbourhoodFilter', () => {
  // Two taste groups: users 1–6 rate movies 1–4, users 7–12 rate movies 11–14; movie 99 is rated by everyone.
  const rows: RatingRow[] = [];
  for (let u = 1; u <= 12; u++) {
    const movies = u <= 6 ? [1, 2, 3, 4] : [11, 12, 13, 14];
    for (const m of movies) rows.push({ userId: u, movieId: m, rating: 4 });
    rows.push({ userId: u, movieId: 99, rating: 3 });
  }
  rows.push({ userId: 1, movieId: 50, rating: 5 }); // a 1-rating movie in the first group
  const mat = buildRatingMatrix(rows);
  const ids = [1, 2, 3, 4, 11, 12, 13, 14, 50, 99];

  it('keeps the movies co-rated with the liked ones, not the other group, and respects minRatings', () => {
    const f = neighbourhoodFilter(mat, [{ movieId: 1, rating: 5 }], { candidates: 10, minRatings: 2 });
    expect(ids.filter(f)).toEqual([1, 2, 3, 4, 99]);
    const g = neighbourhoodFilter(mat, [{ movieId: 1, rating: 5 }], { candidates: 10, minRatings: 1 });
    expect(ids.filter(g)).toContain(50);
  });

  it('ranks by lift and keeps the top `candidates` (the everyone-movie 99 scores below the group movies)', () => {
    const f = neighbourhoodFilter(mat, [{ movieId: 11, rating: 4 }], { candidates: 4, minRatings: 2 });
    expect(ids.filter(f)).toEqual([11, 12, 13, 14]);
  });

  it('follows only liked movies (a disliked one adds no candidates); with none liked it passes movies with enough ratings', () => {
    const f = neighbourhoodFilter(
      mat,
      [
        { movieId: 1, rating: 5 },
        { movieId: 11, rating: 1 },
      ],
      { candidates: 10, minRatings: 2 },
    );
    expect(ids.filter(f)).toEqual([1, 2, 3, 4, 99]);
    const none = neighbourhoodFilter(mat, [{ movieId: 11, rating: 1 }], { minRatings: 2 });
    expect(ids.filter(none)).toEqual([1, 2, 3, 4, 11, 12, 13, 14, 99]);
    expect(() => neighbourhoodFilter(mat, [], { candidates: 0 })).toThrow(RangeError);
  });
});

describe('neighbourhoodFilter popularity exponent', () => {
  // Movie 7 is rated by all 10 users, movie 8 by users 1–3 only; the visitor liked movie 1 (users 1–3).
  const rows: RatingRow[] = [];
  for (let u = 1; u <= 10; u++) rows.push({ userId: u, movieId: 7, rating: 4 });
  for (let u = 1; u <= 3; u++)
    rows.push({ userId: u, movieId: 1, rating: 4 }, { userId: u, movieId: 8, rating: 4 });
  const mat = buildRatingMatrix(rows);
  const kept = (e: number) =>
    [7, 8].filter(
      neighbourhoodFilter(mat, [{ movieId: 1, rating: 5 }], {
        candidates: 2,
        minRatings: 1,
        popularityExponent: e,
      }),
    );
  it('with lift (e = 1) keeps the niche co-rated movie; raw co-occurrence (e = 0) keeps the blockbuster', () => {
    // Two places, movie 1 itself takes one. e = 1: c_1 = c_8 = 3/√3/3 = 0.58 > c_7 = 3/√3/10 = 0.17.
    // e = 0: c_1 = c_7 = c_8 = 3/√3, ties go to the lower position (movie 7 before 8).
    expect(kept(1)).toEqual([8]);
    expect(kept(0)).toEqual([7]);
    expect(() => kept(-1)).toThrow(RangeError);
  });
});

describe('neighbourhoodFilter bounds on the raters walked (32M scale)', () => {
  // 40 users rate movie 1 (liked by the visitor); users 1–20 also rate movie 2, users 21–40 movie 3, and users
  // 1, 5, 9, …, 37 (every 4th) movie 4. Full pass: movies 1–4 all score 1/√40 (up to rounding).
  const rows: RatingRow[] = [];
  for (let u = 1; u <= 40; u++) {
    rows.push({ userId: u, movieId: 1, rating: 4 }, { userId: u, movieId: u <= 20 ? 2 : 3, rating: 4 });
    if (u % 4 === 1) rows.push({ userId: u, movieId: 4, rating: 4 });
  }
  const mat = buildRatingMatrix(rows);
  const visitor = [{ movieId: 1, rating: 5 }];
  const kept = (options: Parameters<typeof neighbourhoodFilter>[2]) =>
    [1, 2, 3, 4].filter(neighbourhoodFilter(mat, visitor, { minRatings: 1, ...options }));

  it('gives exactly the full pass when the caps do not bind', () => {
    for (const candidates of [1, 2, 3, 4])
      expect(kept({ candidates, maxRaters: 40, maxEntries: 1e9 })).toEqual(
        kept({ candidates, maxRaters: 1e6, maxEntries: Infinity }),
      );
  });

  it('walks the evenly spread raters t·n/walk when they bind, weighted by n/walk', () => {
    // maxRaters 10: the raters at positions 0, 4, …, 36 are users 1, 5, …, 37, exactly movie 4's raters:
    // movie 4 scores 10·4/√40/10 = 4/√40, movies 1–3 stay at 1/√40 (e.g. movie 2: users 1–17, 5·4/√40/20).
    expect(kept({ candidates: 1, maxRaters: 10 })).toEqual([4]);
    expect(kept({ candidates: 4, maxRaters: 10 })).toEqual([1, 2, 3, 4]);
    // maxEntries 15: the 10 sampled rows hold 30 ratings, so 5 raters are walked (users 1, 9, 17, 25, 33).
    expect(kept({ candidates: 1, maxRaters: 10, maxEntries: 15 })).toEqual([4]);
    expect(kept({ candidates: 4, maxRaters: 10, maxEntries: 15 })).toEqual([1, 2, 3, 4]);
    expect(() => kept({ maxRaters: 0 })).toThrow(RangeError);
    expect(() => kept({ maxEntries: 0 })).toThrow(RangeError);
  });
});

describe('neighbourhoodFilter with several bound liked movies', () => {
  // 200 users with seeded random rows over 30 movies; the visitor likes movies 1–4, each sampled (maxRaters 8).
  const rng = mulberry32(5);
  const rows: RatingRow[] = [];
  for (let u = 1; u <= 200; u++)
    for (let m = 1; m <= 30; m++) if (rng() < 0.3) rows.push({ userId: u, movieId: m, rating: 4 });
  const mat = buildRatingMatrix(rows);
  const visitor = [1, 2, 3, 4].map((movieId) => ({ movieId, rating: 5 }));

  it('adds each shared sampled rater once with every liked movie’s weight: the sums of one walk per movie', () => {
    // Reference: c_j = Σ_i liked Σ_u in sample(i) weight_i / √n_i · [u rated j], one movie at a time.
    const score = new Float64Array(mat.movies);
    for (const { movieId } of visitor) {
      const i = mat.movieIndex.get(movieId) as number;
      const n = (mat.colPtr[i + 1] as number) - (mat.colPtr[i] as number);
      const sample = nestedRaterSample(mat, i, 8, Infinity);
      if (!sample) throw new Error('the cap should bind');
      for (const u of sample.users)
        for (let r = mat.rowPtr[u] as number; r < (mat.rowPtr[u + 1] as number); r++) {
          const j = mat.colIdx[r] as number;
          score[j] = (score[j] as number) + sample.weight / Math.sqrt(n);
        }
    }
    const count = (j: number) => (mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number);
    const expected = Array.from({ length: mat.movies }, (_, j) => j)
      .filter((j) => (score[j] as number) > 0)
      .sort((a, b) => (score[b] as number) / count(b) - (score[a] as number) / count(a) || a - b)
      .slice(0, 10)
      .map((j) => mat.movieIds[j] as number)
      .sort((a, b) => a - b);
    const filter = neighbourhoodFilter(mat, visitor, { candidates: 10, minRatings: 1, maxRaters: 8 });
    expect(Array.from(mat.movieIds).filter(filter)).toEqual(expected);
  });
});
