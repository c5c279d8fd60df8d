import {
  buildRatingMatrix,
  matrixFingerprint,
  nestedRaterSample,
  ratingColumnsOf,
  type RatingRow,
} from './matrix';
import { mulberry32 } from './random';

describe('nestedRaterSample', () => {
  // 64 users (positions 0–63) rate movie 1 with one more rating each; users 0–31 also rate movie 2, and user 63
  // rates movie 3 alone besides movie 1.
  const rows: RatingRow[] = [];
  for (let u = 0; u < 64; u++) {
    rows.push({ userId: u + 1, movieId: 1, rating: 4 }, { userId: u + 1, movieId: 10 + u, rating: 3 });
    if (u < 32) rows.push({ userId: u + 1, movieId: 2, rating: 4 });
  }
  const mat = buildRatingMatrix(rows);
  const column = (movieId: number) => mat.movieIndex.get(movieId) as number;
  const users = (movieId: number, cap: number, maxEntries = Infinity) =>
    Array.from(nestedRaterSample(mat, column(movieId), cap, maxEntries)?.users ?? []);

  it('is null (every rater, weight 1) when neither cap binds', () => {
    expect(nestedRaterSample(mat, column(1), 64, Infinity)).toBeNull();
    expect(nestedRaterSample(mat, column(1), 64, 64 * 2 + 32)).toBeNull();
  });

  it('keeps the raters whose position is a multiple of the smallest power of 2 that fits both caps', () => {
    expect(users(1, 16)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60]);
    expect(nestedRaterSample(mat, column(1), 16, Infinity)?.weight).toBe(4);
    // Rows of users 0–31 hold 3 ratings, the others 2: 8 raters (0, 8, …, 56) hold 4·3 + 4·2 = 20 ratings.
    expect(users(1, 64, 20)).toEqual([0, 8, 16, 24, 32, 40, 48, 56]);
    expect(users(1, 64, 19)).toEqual([0, 16, 32, 48]);
  });

  it('nests: a movie sampled more thinly keeps only users that a thicker sample of another movie keeps', () => {
    const thin = users(1, 4);
    const thick = users(2, 8);
    expect(thin).toEqual([0, 16, 32, 48]);
    expect(thick).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    for (const u of thin.filter((v) => v < 32)) expect(thick).toContain(u);
  });

  it('keeps the one rater of highest power of 2 when no power fits the ratings cap', () => {
    expect(users(1, 64, 1)).toEqual([0]);
    expect(nestedRaterSample(mat, column(1), 64, 1)?.weight).toBe(64);
  });
});

describe('buildRatingMatrix', () => {
  it('builds the same matrix from rows already by user then movie (no sort) as from the rows shuffled', () => {
    const rng = mulberry32(9);
    const sorted: RatingRow[] = [];
    for (let u = 1; u <= 40; u++)
      for (let m = 1; m <= 25; m++)
        if (rng() < 0.4)
          sorted.push({ userId: u * 3, movieId: m * 7, rating: 0.5 + Math.floor(rng() * 10) / 2 });
    const shuffled = [...sorted].sort(() => rng() - 0.5);
    const a = buildRatingMatrix(sorted);
    const b = buildRatingMatrix(shuffled);
    for (const key of [
      'userIds',
      'movieIds',
      'rowPtr',
      'colIdx',
      'values',
      'colPtr',
      'rowIdx',
      'colValues',
    ] as const)
      expect(Array.from(a[key])).toEqual(Array.from(b[key]));
    // A pair given twice, in order: the sorted path does not apply, the last rating is kept.
    const twice = buildRatingMatrix([
      ...sorted.slice(0, 3),
      { ...(sorted[2] as RatingRow), rating: 5 },
      ...sorted.slice(3),
    ]);
    expect(twice.nnz).toBe(a.nnz);
    expect(twice.values[2]).toBe(5);
  });
});

describe('ratingColumnsOf', () => {
  it('gives back ratings that build the same matrix (same fingerprint), ordered by user then movie', () => {
    const rows: RatingRow[] = [
      { userId: 9, movieId: 30, rating: 4 },
      { userId: 2, movieId: 30, rating: 1.5 },
      { userId: 9, movieId: 10, rating: 5 },
      { userId: 5, movieId: 20, rating: 3 },
      { userId: 2, movieId: 10, rating: 0.5 },
    ];
    const mat = buildRatingMatrix(rows);
    const columns = ratingColumnsOf(mat);
    expect(Array.from(columns.userIds)).toEqual([2, 2, 5, 9, 9]);
    expect(Array.from(columns.movieIds)).toEqual([10, 30, 20, 10, 30]);
    expect(Array.from(columns.ratings)).toEqual([0.5, 1.5, 3, 5, 4]);
    expect(matrixFingerprint(buildRatingMatrix(columns))).toBe(matrixFingerprint(mat));
  });
});
