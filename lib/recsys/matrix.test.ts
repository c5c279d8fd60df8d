import { buildRatingMatrix, nestedRaterSample, type RatingRow } from './matrix';

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
