/**
 * Recommend-time candidate filters (RecommendOptions.filter): they decide which movies may enter a list and
 * change no algorithm's maths. Measured with the persona suite (npm run evaluate -- --personas):
 * models that rank by a predicted rating (NMF with a filled matrix) or by neighbours' votes (user cosine)
 * put the same high-mean or 1-rating movies in front of every visitor; restricting their candidates to the
 * movies co-rated with what the visitor liked keeps each list about that visitor (table in README.md).
 */
import { profileVector } from './common';
import type { RatingMatrix } from './matrix';
import type { RatedMovie } from './types';

/**
 * Only movies with at least `minRatings` ratings may be recommended. Composes with another filter.
 */
export function minRatingsFilter(
  ratingCount: (movieId: number) => number,
  minRatings: number,
  and?: (movieId: number) => boolean,
): (movieId: number) => boolean {
  if (!(Number.isInteger(minRatings) && minRatings >= 0))
    throw new RangeError(`minRatingsFilter: minRatings must be a non-negative integer, got ${minRatings}`);
  return (movieId) => ratingCount(movieId) >= minRatings && (and ? and(movieId) : true);
}

export interface NeighbourhoodOptions {
  /** How many candidate movies to keep (default 100: see the persona table in README.md). */
  candidates?: number;
  /** Candidates need at least this many ratings (default 20). */
  minRatings?: number;
  /** A profile rating at or above this is a taste to follow (default 3.5; 3 if the visitor has none that high). */
  liked?: number;
  /** e in c_j / |raters(j)|^e: 0.5 is cosine, 1 the share of j's raters who co-rated (lift); default 1. */
  popularityExponent?: number;
}

/**
 * The `candidates` movies most co-rated with the visitor's liked movies:
 * c_j = Σ_{i liked} |raters(i) ∩ raters(j)| / (√|raters(i)| · |raters(j)|^e), keeping movies with ≥ minRatings
 * ratings and c_j > 0. With e = 1 (default) c_j is a lift: the share of j's raters who also rated what the
 * visitor liked, so a blockbuster everyone rated does not get in on co-occurrence alone (e = 0.5, cosine,
 * left the lists as they were: opposite personas still shared up to 6 movies). Returns a filter; with no liked known movie it passes every movie with
 * ≥ minRatings ratings. O(Σ_{i liked} Σ_{u rated i} |ratings of u|) — about 1 ms for a 10-movie profile
 * on ml-latest-small.
 */
export function neighbourhoodFilter(
  mat: RatingMatrix,
  profile: readonly RatedMovie[],
  options: NeighbourhoodOptions = {},
): (movieId: number) => boolean {
  const { candidates = 100, minRatings = 20, popularityExponent = 1 } = options;
  if (!(popularityExponent >= 0))
    throw new RangeError(`neighbourhoodFilter: popularityExponent must be ≥ 0, got ${popularityExponent}`);
  if (!(Number.isInteger(candidates) && candidates >= 1))
    throw new RangeError(`neighbourhoodFilter: candidates must be a positive integer, got ${candidates}`);
  const pv = profileVector(profile, mat.movieIndex);
  const top = pv.ratings.some((r) => r >= 3.5) ? 3.5 : 3;
  const liked = options.liked ?? top;
  const count = (j: number) => (mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number);
  const score = new Float64Array(mat.movies);
  let any = false;
  pv.positions.forEach((i, p) => {
    if ((pv.ratings[p] as number) < liked) return;
    any = true;
    const norm = Math.sqrt(count(i));
    for (let q = mat.colPtr[i] as number; q < (mat.colPtr[i + 1] as number); q++) {
      const u = mat.rowIdx[q] as number;
      for (let r = mat.rowPtr[u] as number; r < (mat.rowPtr[u + 1] as number); r++) {
        const j = mat.colIdx[r] as number;
        score[j] = (score[j] as number) + 1 / norm;
      }
    }
  });
  const keep = new Set<number>();
  if (!any) {
    for (let j = 0; j < mat.movies; j++) if (count(j) >= minRatings) keep.add(mat.movieIds[j] as number);
    return (movieId) => keep.has(movieId);
  }
  const order: number[] = [];
  for (let j = 0; j < mat.movies; j++) {
    if (count(j) < minRatings || !((score[j] as number) > 0)) continue;
    score[j] = (score[j] as number) / Math.pow(count(j), popularityExponent);
    order.push(j);
  }
  order.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  for (const j of order.slice(0, candidates)) keep.add(mat.movieIds[j] as number);
  return (movieId) => keep.has(movieId);
}
