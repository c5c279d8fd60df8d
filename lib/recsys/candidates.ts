/**
 * Recommend-time candidate filters (RecommendOptions.filter): they decide which movies may enter a list and
 * change no algorithm's maths. Measured with the persona suite (npm run evaluate -- --personas):
 * models that rank by a predicted rating (NMF with a filled matrix) or by neighbours' votes (user cosine)
 * put the same high-mean or 1-rating movies in front of every visitor; restricting their candidates to the
 * movies co-rated with what the visitor liked keeps each list about that visitor (table in README.md).
 */
import { profileVector, TopK } from './common';
import { nestedRaterSample, type NestedRaterSample, type RatingMatrix } from './matrix';
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
  /**
   * At most this many raters of each liked movie are walked, evenly spread and shared between liked movies
   * (matrix.ts nestedRaterSample), their co-ratings weighted up to the whole column (default 400, above
   * ml-latest-small's most rated movie, 329 raters, so small data is walked in full). Bounds a request at 32M
   * scale, where one liked blockbuster has ~100k raters and the full walk took 0.4–1.2 s per request.
   */
  maxRaters?: number;
  /**
   * And few enough of them that their rows hold at most this many ratings (default 90,000, above
   * ml-latest-small's largest, 81,340 for its most rated movie, so small data is walked in full): at 32M a walked
   * rater's row holds ~450 ratings, and each costs a scattered add (~6 ns there), so this bounds a liked movie to
   * ~0.5 ms.
   */
  maxEntries?: number;
}

/**
 * Per matrix, per (maxRaters, maxEntries): each liked movie's rater sample, null where every rater is walked; made
 * on a movie's first request (one pass over its raters), at most maxRaters positions each (≤ 32 MB at 32M).
 */
const samples = new WeakMap<RatingMatrix, Map<string, Map<number, NestedRaterSample | null>>>();

function sampleOf(mat: RatingMatrix, j: number, maxRaters: number, maxEntries: number) {
  let byCaps = samples.get(mat);
  if (!byCaps) samples.set(mat, (byCaps = new Map()));
  const key = `${maxRaters}/${maxEntries}`;
  let byMovie = byCaps.get(key);
  if (!byMovie) byCaps.set(key, (byMovie = new Map()));
  let sample = byMovie.get(j);
  if (sample === undefined) byMovie.set(j, (sample = nestedRaterSample(mat, j, maxRaters, maxEntries)));
  return sample;
}

/**
 * The `candidates` movies most co-rated with the visitor's liked movies:
 * c_j = Σ_{i liked} |raters(i) ∩ raters(j)| / (√|raters(i)| · |raters(j)|^e), keeping movies with ≥ minRatings
 * ratings and c_j > 0. With e = 1 (default) c_j is a lift: the share of j's raters who also rated what the
 * visitor liked, so a blockbuster everyone rated does not get in on co-occurrence alone (e = 0.5, cosine,
 * left the lists as they were: opposite personas still shared up to 6 movies). Returns a filter; with no liked known movie it passes every movie with
 * ≥ minRatings ratings. O(Σ_{i liked} Σ_{u among min(maxRaters, raters of i)} |ratings of u| + movies · log
 * candidates) — about 1 ms for a 10-movie profile on ml-latest-small.
 */
export function neighbourhoodFilter(
  mat: RatingMatrix,
  profile: readonly RatedMovie[],
  options: NeighbourhoodOptions = {},
): (movieId: number) => boolean {
  const {
    candidates = 100,
    minRatings = 20,
    popularityExponent = 1,
    maxRaters = 400,
    maxEntries = 90_000,
  } = options;
  if (!(popularityExponent >= 0))
    throw new RangeError(`neighbourhoodFilter: popularityExponent must be ≥ 0, got ${popularityExponent}`);
  if (!(Number.isInteger(candidates) && candidates >= 1))
    throw new RangeError(`neighbourhoodFilter: candidates must be a positive integer, got ${candidates}`);
  if (!(Number.isInteger(maxRaters) && maxRaters >= 1))
    throw new RangeError(`neighbourhoodFilter: maxRaters must be a positive integer, got ${maxRaters}`);
  if (!(maxEntries >= 1))
    throw new RangeError(`neighbourhoodFilter: maxEntries must be ≥ 1, got ${maxEntries}`);
  const pv = profileVector(profile, mat.movieIndex);
  const top = pv.ratings.some((r) => r >= 3.5) ? 3.5 : 3;
  const liked = options.liked ?? top;
  const count = (j: number) => (mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number);
  const score = new Float64Array(mat.movies);
  const { rowPtr, colIdx } = mat;
  const addRow = (u: number, add: number) => {
    const end = rowPtr[u + 1] as number;
    for (let r = rowPtr[u] as number; r < end; r++) {
      const j = colIdx[r] as number;
      score[j] = (score[j] as number) + add;
    }
  };
  // A sampled rater's adds from every liked movie whose sample holds them: each such row is walked once.
  const sampled = new Map<number, number>();
  let any = false;
  pv.positions.forEach((i, p) => {
    if ((pv.ratings[p] as number) < liked) return;
    any = true;
    const n = (mat.colPtr[i + 1] as number) - (mat.colPtr[i] as number);
    const sample = sampleOf(mat, i, maxRaters, maxEntries);
    if (!sample) {
      for (let q = mat.colPtr[i] as number; q < (mat.colPtr[i + 1] as number); q++)
        addRow(mat.rowIdx[q] as number, 1 / Math.sqrt(n));
      return;
    }
    const add = sample.weight / Math.sqrt(n);
    for (const u of sample.users) sampled.set(u, (sampled.get(u) ?? 0) + add);
  });
  sampled.forEach((add, u) => addRow(u, add));
  // Movies with enough ratings, as a test on the column (no movies-long Set per request).
  if (!any)
    return (movieId) => {
      const j = mat.movieIndex.get(movieId);
      return j !== undefined && count(j) >= minRatings;
    };
  // The top `candidates` by score, ties to the lower position: a bounded heap, not a sort of every scored movie.
  const heap = new TopK(candidates);
  for (let j = 0; j < mat.movies; j++) {
    if (count(j) < minRatings || !((score[j] as number) > 0)) continue;
    // e = 1 without a Math.pow per movie (the same value; 87k movies at 32M).
    const n = count(j);
    heap.offer(j, (score[j] as number) / (popularityExponent === 1 ? n : Math.pow(n, popularityExponent)));
  }
  const keep = new Set<number>(heap.drainPositions().map((j) => mat.movieIds[j] as number));
  return (movieId) => keep.has(movieId);
}
