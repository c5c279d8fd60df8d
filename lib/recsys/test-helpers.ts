/** Seeded small rating data for the recsys tests (not used by production code). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { roundToScale } from '@/lib/rating-scale';
import { buildRatingMatrix, type RatingMatrix, type RatingRow } from './matrix';
import { mulberry32 } from './random';

/**
 * users×movies ratings from a planted rank-`rank` non-negative model, each cell observed with
 * probability `density`, rounded to halves in 0.5..5. Ids are offset (users 1.., movies 101..) to
 * catch position/id mix-ups.
 */
export function syntheticRows(
  users: number,
  movies: number,
  { density = 0.3, rank = 3, seed = 1 } = {},
): RatingRow[] {
  const rng = mulberry32(seed);
  const U = Array.from({ length: users * rank }, () => rng());
  const M = Array.from({ length: movies * rank }, () => rng());
  const rows: RatingRow[] = [];
  for (let i = 0; i < users; i++) {
    for (let j = 0; j < movies; j++) {
      if (rng() > density) continue;
      let s = 0;
      for (let t = 0; t < rank; t++) s += (U[i * rank + t] as number) * (M[j * rank + t] as number);
      rows.push({ userId: i + 1, movieId: 101 + j * 2, rating: roundToScale(1 + (4 * s) / rank) });
    }
  }
  return rows;
}

export function syntheticMatrix(
  users: number,
  movies: number,
  options?: Parameters<typeof syntheticRows>[2],
): RatingMatrix {
  return buildRatingMatrix(syntheticRows(users, movies, options));
}

/** The dense users×movies matrix with unrated cells set to c_j (tests only). */
export function denseFilled(mat: RatingMatrix, c: Float64Array): Float64Array {
  const D = new Float64Array(mat.users * mat.movies);
  for (let i = 0; i < mat.users; i++)
    for (let j = 0; j < mat.movies; j++) D[i * mat.movies + j] = c[j] as number;
  for (let i = 0; i < mat.users; i++) {
    for (let p = mat.rowPtr[i] as number; p < (mat.rowPtr[i + 1] as number); p++)
      D[i * mat.movies + (mat.colIdx[p] as number)] = mat.values[p] as number;
  }
  return D;
}

/** data/ml-latest-small/ratings.csv as rating rows (the bundled dataset; tests that measure on real data). */
export function readMovieLensSmall(): RatingRow[] {
  const lines = readFileSync(path.join(__dirname, '../../data/ml-latest-small/ratings.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1);
  return lines
    .filter((l) => l !== '')
    .map((l) => {
      const [userId, movieId, rating] = l.split(',').map(Number);
      return { userId: userId as number, movieId: movieId as number, rating: rating as number };
    });
}
