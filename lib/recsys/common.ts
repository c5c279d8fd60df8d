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

/** A bounded min-heap of (position, score); "worse" = lower score, or equal score and higher position. */
export class TopK {
  private readonly pos: Int32Array;
  private readonly score: Float64Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.pos = new Int32Array(k);
    this.score = new Float64Array(k);
  }
  clear(): void {
    this.size = 0;
  }
  private worse(a: number, b: number): boolean {
    const sa = this.score[a] as number;
    const sb = this.score[b] as number;
    return sa < sb || (sa === sb && (this.pos[a] as number) > (this.pos[b] as number));
  }
  private swap(a: number, b: number): void {
    const p = this.pos[a] as number;
    const s = this.score[a] as number;
    this.pos[a] = this.pos[b] as number;
    this.score[a] = this.score[b] as number;
    this.pos[b] = p;
    this.score[b] = s;
  }
  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (l + 1 < this.size && this.worse(l + 1, m)) m = l + 1;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
  offer(j: number, s: number): void {
    if (this.size === this.k) {
      const s0 = this.score[0] as number;
      if (s < s0 || (s === s0 && j > (this.pos[0] as number))) return;
      this.pos[0] = j;
      this.score[0] = s;
      this.down(0);
      return;
    }
    let i = this.size++;
    this.pos[i] = j;
    this.score[i] = s;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  get length(): number {
    return this.size;
  }
  /** The kept positions best first; empties the heap. */
  drainPositions(): number[] {
    const out = new Array<number>(this.size);
    for (let r = this.size - 1; r >= 0; r--) {
      out[r] = this.pos[0] as number;
      this.swap(0, --this.size);
      this.down(0);
    }
    return out;
  }
  /** Writes the kept entries best first at out[offset..] and empties the heap. */
  drainInto(outPos: Int32Array, outScore: Float32Array, offset: number): void {
    for (let r = this.size - 1; r >= 0; r--) {
      outPos[offset + r] = this.pos[0] as number;
      outScore[offset + r] = this.score[0] as number;
      this.swap(0, --this.size);
      this.down(0);
    }
  }
}
