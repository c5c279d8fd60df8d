/**
 * The users×movies rating matrix in compressed sparse form (CSR for row passes, CSC for column passes)
 * with one vocabulary mapping MovieLens ids to positions and back. Rows are ordered by userId and
 * columns by movieId (the order scikit-learn's reference used).
 */

export interface RatingRow {
  userId: number;
  movieId: number;
  rating: number;
}

/** Ratings as parallel arrays (what a bulk loader or the synthetic generator produces). */
export interface RatingColumns {
  userIds: ArrayLike<number>;
  movieIds: ArrayLike<number>;
  ratings: ArrayLike<number>;
}

export interface RatingMatrix {
  readonly users: number;
  readonly movies: number;
  readonly nnz: number;
  /** position → MovieLens userId, ascending. */
  readonly userIds: Int32Array;
  /** position → MovieLens movieId, ascending. */
  readonly movieIds: Int32Array;
  readonly userIndex: ReadonlyMap<number, number>;
  readonly movieIndex: ReadonlyMap<number, number>;
  /** CSR: ratings of user i are at rowPtr[i]..rowPtr[i+1]-1, columns ascending. */
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float32Array;
  /** CSC: raters of movie j are at colPtr[j]..colPtr[j+1]-1, rows ascending. */
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  readonly colValues: Float32Array;
}

function toColumns(input: readonly RatingRow[] | RatingColumns): RatingColumns {
  if (!Array.isArray(input)) return input as RatingColumns;
  const rows = input as readonly RatingRow[];
  const userIds = new Int32Array(rows.length);
  const movieIds = new Int32Array(rows.length);
  const ratings = new Float32Array(rows.length);
  rows.forEach((r, p) => {
    userIds[p] = r.userId;
    movieIds[p] = r.movieId;
    ratings[p] = r.rating;
  });
  return { userIds, movieIds, ratings };
}

/**
 * The sorted distinct ids and each entry's position among them (`pos[p]` for ids[p]). Ids within a range of
 * a few times the entry count (every MovieLens export) go through a dense Int32Array table; others
 * through a sort and binary searches. No Map or Set on the per-rating path: at 32M ratings those cost
 * tens of seconds.
 */
function vocabulary(ids: ArrayLike<number>): {
  sorted: Int32Array;
  index: Map<number, number>;
  pos: Int32Array;
} {
  const total = ids.length;
  const pos = new Int32Array(total);
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < total; p++) {
    const id = ids[p] as number;
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  let sorted: Int32Array;
  if (total === 0) sorted = new Int32Array(0);
  else if (hi - lo <= Math.max(4 * total, 1 << 20)) {
    const table = new Int32Array(hi - lo + 1);
    for (let p = 0; p < total; p++) table[(ids[p] as number) - lo] = 1;
    let count = 0;
    for (let v = 0; v < table.length; v++) if (table[v]) table[v] = ++count;
    sorted = new Int32Array(count);
    for (let v = 0; v < table.length; v++) if (table[v]) sorted[(table[v] as number) - 1] = v + lo;
    for (let p = 0; p < total; p++) pos[p] = (table[(ids[p] as number) - lo] as number) - 1;
  } else {
    const all = Int32Array.from(ids).sort();
    let count = 0;
    for (let p = 0; p < total; p++) if (p === 0 || all[p] !== all[p - 1]) all[count++] = all[p] as number;
    sorted = all.slice(0, count);
    for (let p = 0; p < total; p++) {
      const id = ids[p] as number;
      let a = 0;
      let b = count - 1;
      while (a < b) {
        const mid = (a + b) >> 1;
        if ((sorted[mid] as number) < id) a = mid + 1;
        else b = mid;
      }
      pos[p] = a;
    }
  }
  const index = new Map<number, number>();
  sorted.forEach((id, i) => index.set(id, i));
  return { sorted, index, pos };
}

/** Stable counting sort of entry order by `key` (positions in 0..buckets-1). */
function countingOrder(keys: Int32Array, order: Int32Array, buckets: number, ptr: Int32Array): Int32Array {
  ptr.fill(0);
  for (let p = 0; p < order.length; p++) (ptr[(keys[order[p] as number] as number) + 1] as number)++;
  for (let b = 0; b < buckets; b++) ptr[b + 1] = (ptr[b + 1] as number) + (ptr[b] as number);
  const next = ptr.slice(0, buckets);
  const out = new Int32Array(order.length);
  for (let p = 0; p < order.length; p++) {
    const e = order[p] as number;
    const b = keys[e] as number;
    out[next[b] as number] = e;
    next[b] = (next[b] as number) + 1;
  }
  return out;
}

/**
 * Builds the matrix from rating rows or parallel arrays. Ids must be integers and ratings finite
 * (RangeError otherwise). A (user, movie) pair given twice keeps its last rating. Two stable
 * counting sorts (by movie, then by user), none when the rows come sorted: O(nnz + users + movies), no comparison
 * sort of ratings.
 */
export function buildRatingMatrix(input: readonly RatingRow[] | RatingColumns): RatingMatrix {
  const { userIds: uIds, movieIds: mIds, ratings } = toColumns(input);
  const total = uIds.length;
  if (mIds.length !== total || ratings.length !== total) {
    throw new RangeError(`rating columns differ in length: ${total}, ${mIds.length}, ${ratings.length}`);
  }
  for (let p = 0; p < total; p++) {
    const r = ratings[p] as number;
    if (!Number.isFinite(r)) throw new RangeError(`rating ${p} is not a finite number: ${r}`);
    if (!Number.isInteger(uIds[p]) || !Number.isInteger(mIds[p])) {
      throw new RangeError(`rating ${p} has a non-integer id: user ${uIds[p]}, movie ${mIds[p]}`);
    }
  }
  const users = vocabulary(uIds);
  const movies = vocabulary(mIds);
  const m = users.sorted.length;
  const n = movies.sorted.length;
  const row = users.pos;
  const col = movies.pos;
  const identity = new Int32Array(total);
  for (let p = 0; p < total; p++) identity[p] = p;
  // Rows already by user then movie, each pair once (the training load reads them so, ORDER BY user, movie):
  // the two sorts below would return them as they are, so they are skipped (~6 s of a 32M build).
  let ordered = true;
  for (let p = 1; p < total && ordered; p++) {
    const u = row[p] as number;
    const before = row[p - 1] as number;
    ordered = u > before || (u === before && (col[p] as number) > (col[p - 1] as number));
  }
  const byRow = ordered
    ? identity
    : countingOrder(row, countingOrder(col, identity, n, new Int32Array(n + 1)), m, new Int32Array(m + 1));

  // Drop duplicates: within a row entries are by column, ties in input order, so keep the last of a run.
  const keep = new Int32Array(total);
  let nnz = 0;
  for (let p = 0; p < total; p++) {
    const e = byRow[p] as number;
    const nextE = byRow[p + 1];
    if (nextE !== undefined && row[nextE] === row[e] && col[nextE] === col[e]) continue;
    keep[nnz++] = e;
  }
  const rowPtr = new Int32Array(m + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const e = keep[p] as number;
    (rowPtr[(row[e] as number) + 1] as number)++;
    colIdx[p] = col[e] as number;
    values[p] = ratings[e] as number;
  }
  for (let i = 0; i < m; i++) rowPtr[i + 1] = (rowPtr[i + 1] as number) + (rowPtr[i] as number);
  const { colPtr, rowIdx, colValues } = transpose(rowPtr, colIdx, values, n);
  return {
    users: m,
    movies: n,
    nnz,
    userIds: users.sorted,
    movieIds: movies.sorted,
    userIndex: users.index,
    movieIndex: movies.index,
    rowPtr,
    colIdx,
    values,
    colPtr,
    rowIdx,
    colValues,
  };
}

/** CSR → CSC by one counting pass; rows stay ascending within each column. */
function transpose(rowPtr: Int32Array, colIdx: Int32Array, values: Float32Array, n: number) {
  const m = rowPtr.length - 1;
  const nnz = colIdx.length;
  const colPtr = new Int32Array(n + 1);
  for (let p = 0; p < nnz; p++) (colPtr[(colIdx[p] as number) + 1] as number)++;
  for (let j = 0; j < n; j++) colPtr[j + 1] = (colPtr[j + 1] as number) + (colPtr[j] as number);
  const next = colPtr.slice(0, n);
  const rowIdx = new Int32Array(nnz);
  const colValues = new Float32Array(nnz);
  for (let i = 0; i < m; i++) {
    for (let p = rowPtr[i] as number; p < (rowPtr[i + 1] as number); p++) {
      const j = colIdx[p] as number;
      const q = next[j] as number;
      rowIdx[q] = i;
      colValues[q] = values[p] as number;
      next[j] = q + 1;
    }
  }
  return { colPtr, rowIdx, colValues };
}

/** Rebuilds a matrix from its stored CSR arrays and vocabularies (used by deserialisation). */
export function matrixFromCsr(
  userIds: Int32Array,
  movieIds: Int32Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float32Array,
): RatingMatrix {
  const userIndex = new Map<number, number>();
  userIds.forEach((id, i) => userIndex.set(id, i));
  const movieIndex = new Map<number, number>();
  movieIds.forEach((id, j) => movieIndex.set(id, j));
  const { colPtr, rowIdx, colValues } = transpose(rowPtr, colIdx, values, movieIds.length);
  return {
    users: userIds.length,
    movies: movieIds.length,
    nnz: colIdx.length,
    userIds,
    movieIds,
    userIndex,
    movieIndex,
    rowPtr,
    colIdx,
    values,
    colPtr,
    rowIdx,
    colValues,
  };
}

/**
 * The matrix's ratings as columns, ordered by user then movie (the order buildRatingMatrix builds fastest from):
 * buildRatingMatrix of them gives the same CSR arrays back.
 */
export function ratingColumnsOf(mat: RatingMatrix): {
  userIds: Int32Array;
  movieIds: Int32Array;
  ratings: Float32Array;
} {
  const userIds = new Int32Array(mat.nnz);
  const movieIds = new Int32Array(mat.nnz);
  for (let i = 0; i < mat.users; i++)
    userIds.fill(mat.userIds[i] as number, mat.rowPtr[i], mat.rowPtr[i + 1]);
  for (let p = 0; p < mat.nnz; p++) movieIds[p] = mat.movieIds[mat.colIdx[p] as number] as number;
  return { userIds, movieIds, ratings: mat.values.slice() };
}

const fingerprints = new WeakMap<RatingMatrix, string>();

/**
 * A digest of a matrix's content (shape, vocabularies, CSR arrays; two 32-bit multiply–xor lanes over their words),
 * so a model stored without its matrix can check it is given back the very matrix it was fitted on. Memoised per
 * matrix: one pass over the ratings (~0.1 s at 32M), once.
 */
export function matrixFingerprint(mat: RatingMatrix): string {
  let fingerprint = fingerprints.get(mat);
  if (!fingerprint) {
    fingerprint = csrFingerprint(mat.userIds, mat.movieIds, mat.rowPtr, mat.colIdx, mat.values);
    fingerprints.set(mat, fingerprint);
  }
  return fingerprint;
}

/** matrixFingerprint of the matrix these CSR arrays make, without building it. */
export function csrFingerprint(
  userIds: Int32Array,
  movieIds: Int32Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float32Array,
): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ colIdx.length;
  for (const array of [userIds, movieIds, rowPtr, colIdx, values]) {
    const words = new Int32Array(array.buffer, array.byteOffset, array.length);
    a = Math.imul(a ^ words.length, 0x01000193);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as number;
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
    }
  }
  const hex = (lane: number) => (lane >>> 0).toString(16).padStart(8, '0');
  return `${userIds.length}x${movieIds.length}:${colIdx.length}:${hex(a)}${hex(b)}`;
}

/** Median of a numeric run (copies; does not reorder the input). */
export function median(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const a = new Float64Array(to - from);
  for (let t = 0; t < a.length; t++) a[t] = xs[from + t] as number;
  a.sort();
  const h = a.length >> 1;
  if (a.length === 0) return NaN;
  return a.length % 2 === 1 ? (a[h] as number) : ((a[h - 1] as number) + (a[h] as number)) / 2;
}

/** Per-movie rating count and mean (the popularity statistics every model keeps for its fallback). */
export function movieStats(mat: RatingMatrix): {
  counts: Int32Array;
  means: Float64Array;
  globalMean: number;
} {
  const counts = new Int32Array(mat.movies);
  const means = new Float64Array(mat.movies);
  let sum = 0;
  for (let j = 0; j < mat.movies; j++) {
    let s = 0;
    for (let p = mat.colPtr[j] as number; p < (mat.colPtr[j + 1] as number); p++)
      s += mat.colValues[p] as number;
    counts[j] = (mat.colPtr[j + 1] as number) - (mat.colPtr[j] as number);
    means[j] = counts[j] ? s / (counts[j] as number) : 0;
    sum += s;
  }
  return { counts, means, globalMean: mat.nnz ? sum / mat.nnz : 0 };
}

/**
 * Above this many ratings a fit takes its large-data variant where one exists (iALS by conjugate gradient, masked
 * NMF on an epoch budget): ml-latest-small (100k) and ml-1m are fitted exactly as before, the 32M sets by the
 * variants, whose figures `npm run bench -- --scale` prints.
 */
export const LARGE_DATA_RATINGS = 5_000_000;

/** An evenly spread sample of one movie's raters: see raterSample. */
export interface RaterSample {
  /** colPtr[j]: the column's first CSC position. */
  readonly from: number;
  /** The column's rater count. */
  readonly n: number;
  /** How many raters are walked: min(n, cap). */
  readonly walk: number;
  /** n / walk: scales a sum over the sample back to the whole column (1 when the cap does not bind). */
  readonly weight: number;
}

/**
 * At most `cap` of movie j's raters, evenly spread over its CSC run (the t-th at colPtr[j] + ⌊t·n/walk⌋, see
 * samplePosition): a deterministic sample that bounds a pass over a blockbuster's raters at 32M scale (one movie
 * there has 157k raters). When the cap does not bind every rater is walked, in order, with weight 1, so results
 * are exactly those of the full pass.
 */
export function raterSample(mat: RatingMatrix, j: number, cap: number): RaterSample {
  const from = mat.colPtr[j] as number;
  const n = (mat.colPtr[j + 1] as number) - from;
  const walk = Math.min(n, cap);
  return { from, n, walk, weight: walk > 0 ? n / walk : 1 };
}

/** A movie's raters kept by nestedRaterSample, and n / their count. */
export interface NestedRaterSample {
  /** User positions, ascending. */
  readonly users: Int32Array;
  /** Scales a sum over the sample back to the whole column. */
  readonly weight: number;
}

/** How many times 2 divides a user position (32 for position 0, a multiple of every power). */
const twos = (u: number) => (u === 0 ? 32 : 31 - Math.clz32(u & -u));

/**
 * Movie j's raters whose user position is a multiple of 2^s, for the smallest s that leaves at most `cap` raters
 * whose rows hold at most `maxEntries` ratings in all; null when s = 0 fits (every rater, nothing to weight).
 * Nested: a movie sampled at s keeps exactly the raters that any other movie sampled at s or above would, so the
 * samples of the blockbusters one visitor liked share their users, and a pass that walks each sampled user's row
 * once (candidates.ts) walks about half the ratings it would with one sample per movie at 32M (lib/recsys/README.md,
 * "Scale"). Like the neighbour pool of cosine.ts, it is spread evenly over the userId order.
 * If even the largest s leaves too many ratings, the one rater of highest s. O(raters of j).
 */
export function nestedRaterSample(
  mat: RatingMatrix,
  j: number,
  cap: number,
  maxEntries: number,
): NestedRaterSample | null {
  const from = mat.colPtr[j] as number;
  const to = mat.colPtr[j + 1] as number;
  // Raters and their ratings by how many times 2 divides the position; a sample at s holds those with ≥ s.
  const raters = new Float64Array(34);
  const entries = new Float64Array(34);
  for (let q = from; q < to; q++) {
    const u = mat.rowIdx[q] as number;
    const z = twos(u);
    raters[z] = (raters[z] as number) + 1;
    entries[z] = (entries[z] as number) + (mat.rowPtr[u + 1] as number) - (mat.rowPtr[u] as number);
  }
  for (let z = 32; z >= 0; z--) {
    raters[z] = (raters[z] as number) + (raters[z + 1] as number);
    entries[z] = (entries[z] as number) + (entries[z + 1] as number);
  }
  let s = 0;
  while (s < 33 && ((raters[s] as number) > cap || (entries[s] as number) > maxEntries)) s++;
  if (s === 0) return null;
  const n = to - from;
  if ((raters[s] as number) === 0) {
    let best = from;
    for (let q = from; q < to; q++)
      if (twos(mat.rowIdx[q] as number) > twos(mat.rowIdx[best] as number)) best = q;
    return { users: Int32Array.of(mat.rowIdx[best] as number), weight: n };
  }
  const users = new Int32Array(raters[s] as number);
  let o = 0;
  for (let q = from; q < to; q++)
    if (twos(mat.rowIdx[q] as number) >= s) users[o++] = mat.rowIdx[q] as number;
  return { users, weight: n / users.length };
}

/** The CSC position of the t-th walked rater (0 ≤ t < sample.walk). */
export function samplePosition(sample: RaterSample, t: number): number {
  return sample.from + (sample.walk === sample.n ? t : Math.floor((t * sample.n) / sample.walk));
}
