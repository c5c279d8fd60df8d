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

export function profileVector(profile: readonly RatedMovie[], movieIndex: ReadonlyMap<number, number>): ProfileVector {
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
  scores: Float64Array, movieIds: Int32Array, profile: ProfileVector, options?: RecommendOptions,
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
      for (let i = heap.length - 1; i > 0; ) {
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
