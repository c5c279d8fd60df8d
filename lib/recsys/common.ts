/**
 * Plumbing shared by every recommender: turning a visitor profile into matrix positions (unknown ids
 * skipped), top-n selection with exclusions and filters, and clamping to the rating scale.
 */
import type { RatedMovie, RecommendOptions } from './types';

export { clampRating, MAX_RATING, MIN_RATING } from '@/lib/rating-scale';

/** A profile mapped to positions: unknown movies and non-finite ratings dropped; a repeated movie keeps its last rating. */
export interface ProfileVector {
  positions: Int32Array;
  ratings: Float64Array;
}

export function profileVector(
  profile: readonly RatedMovie[],
  movieIndex: ReadonlyMap<number, number>,
): ProfileVector {
  const byPos = new Map<number, number>();
  for (const { movieId, rating } of profile) {
    const j = movieIndex.get(movieId);
    if (j !== undefined && Number.isFinite(rating)) byPos.set(j, rating);
  }
  const positions = Int32Array.from(byPos.keys()).sort();
  const ratings = Float64Array.from(positions, (j) => byPos.get(j) as number);
  return { positions, ratings };
}

/** Checks `n` and returns it with its default of 10. */
export function resolveN(options?: RecommendOptions): number {
  const n = options?.n ?? 10;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  return n;
}

/**
 * The positions of the n best scores, best first (ties: lower position, i.e. lower movieId, first),
 * skipping the profile's movies, `options.exclude`, `options.filter` rejects and non-finite scores.
 * A bounded binary heap: O(movies · log n).
 */
export function topPositions(
  scores: Float64Array,
  movieIds: Int32Array,
  profile: ProfileVector,
  options?: RecommendOptions,
): number[] {
  const n = resolveN(options);
  if (n === 0) return [];
  const blocked = new Uint8Array(scores.length);
  for (const j of profile.positions) blocked[j] = 1;
  const exclude = options?.exclude;
  if (exclude) {
    const ids = new Set<number>(exclude as Iterable<number>);
    for (let j = 0; j < movieIds.length; j++) if (ids.has(movieIds[j] as number)) blocked[j] = 1;
  }
  const filter = options?.filter;
  // heap[0] is the worst kept; "worse" = lower score, or equal score and higher position.
  const heap: number[] = [];
  const worse = (a: number, b: number) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (let j = 0; j < scores.length; j++) {
    if (blocked[j] || !Number.isFinite(scores[j] as number)) continue;
    if (heap.length === n && !worse(heap[0] as number, j)) continue;
    if (filter && !filter(movieIds[j] as number)) continue;
    if (heap.length < n) {
      heap.push(j);
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i] as number, heap[p] as number)) break;
        [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
        i = p;
      }
    } else {
      heap[0] = j;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

/** A profile movie rated at least this is "liked" and may be cited as a reason for a recommendation. */
export const LIKED_RATING = 3.5;
/** The floor when the visitor rated nothing ≥ LIKED_RATING: a 3★ may still be cited, nothing lower ever. */
export const LIKED_FALLBACK = 3;

/** The lowest rating this profile's reasons may cite: 3.5, or 3 when no rating reaches 3.5. */
export function likedThreshold(ratings: ArrayLike<number>): number {
  for (let p = 0; p < ratings.length; p++) if ((ratings[p] as number) >= LIKED_RATING) return LIKED_RATING;
  return LIKED_FALLBACK;
}

/**
 * Splits a recommendation's per-movie contributions into reasons: `because` = liked movies (see
 * likedThreshold) that pushed the score up, best first; `disliked` = movies rated below 3 that pushed
 * it up too (a secondary note at most). The contributions themselves are not touched.
 */
export function citeReasons<T extends { rating: number; contribution: number; movieId: number }>(
  items: readonly T[],
  threshold: number,
  { top = 5, topDisliked = 3 } = {},
): { because: T[]; disliked: T[] } {
  const order = (a: T, b: T) => b.contribution - a.contribution || a.movieId - b.movieId;
  return {
    because: items
      .filter((x) => x.rating >= threshold && x.contribution > 0)
      .sort(order)
      .slice(0, top),
    disliked: items
      .filter((x) => x.rating < LIKED_FALLBACK && x.contribution > 0)
      .sort(order)
      .slice(0, topDisliked),
  };
}
