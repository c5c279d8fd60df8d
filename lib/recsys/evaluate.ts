/**
 * Offline evaluation: per-user random hold-out split, rating metrics (RMSE, MAE) and top-n metrics
 * (Precision, Recall, NDCG with binary gain and log2 discount, MAP, Recall@20; relevant = test rating ≥ 4.0; every
 * catalogue movie the user did not rate in training is a candidate). Users with no relevant test movie
 * are skipped for the ranking metrics (standard); `users` counts the users that were ranked.
 * "Recommend for a user" uses that user's training ratings as the profile, through the same
 * recommend() the website calls (NMF folds them in; cosine excludes the user's own row via excludeUserId).
 * Beyond accuracy: catalogue coverage of the top n, personalisation (1 − mean overlap of two users' top n)
 * and novelty (mean self-information of what is shown). Per-user NDCG is kept for a paired test
 * (wilcoxon.ts), since a mean difference alone cannot tell a better model from noise.
 */
import type { RatingColumns } from './matrix';
import { mulberry32, shuffleInPlace, type Rng } from './random';
import type { RatedMovie, Recommender } from './types';

export const RELEVANT = 4.0;

/** Splits each user's ratings, holding out round(testFraction·count) at random (seeded). */
export function splitByUser(
  data: RatingColumns,
  { testFraction = 0.2, seed = 42 } = {},
): { train: RatingColumns; test: RatingColumns } {
  if (!(testFraction > 0 && testFraction < 1))
    throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  const byUser = new Map<number, number[]>();
  for (let p = 0; p < data.userIds.length; p++) {
    const u = data.userIds[p] as number;
    const list = byUser.get(u) ?? [];
    list.push(p);
    byUser.set(u, list);
  }
  const rng = mulberry32(seed);
  const isTest = new Uint8Array(data.userIds.length);
  for (const u of [...byUser.keys()].sort((a, b) => a - b)) {
    const idx = Int32Array.from(byUser.get(u) as number[]);
    shuffleInPlace(idx, rng);
    const hold = Math.round(testFraction * idx.length);
    for (let t = 0; t < hold; t++) isTest[idx[t] as number] = 1;
  }
  const pick = (flag: number): RatingColumns => {
    const keep: number[] = [];
    isTest.forEach((f, p) => f === flag && keep.push(p));
    return {
      userIds: Int32Array.from(keep, (p) => data.userIds[p] as number),
      movieIds: Int32Array.from(keep, (p) => data.movieIds[p] as number),
      ratings: Float32Array.from(keep, (p) => data.ratings[p] as number),
    };
  };
  return { train: pick(0), test: pick(1) };
}

/** Precision@n, Recall@n and NDCG@n of one ranked list (binary relevance, log2 discount). */
export function rankingMetrics(
  ranked: readonly number[],
  relevant: ReadonlySet<number>,
  n: number,
): { precision: number; recall: number; ndcg: number } {
  let hits = 0;
  let dcg = 0;
  ranked.slice(0, n).forEach((id, r) => {
    if (relevant.has(id)) {
      hits++;
      dcg += 1 / Math.log2(r + 2);
    }
  });
  let idcg = 0;
  for (let r = 0; r < Math.min(relevant.size, n); r++) idcg += 1 / Math.log2(r + 2);
  return {
    precision: hits / n,
    recall: relevant.size ? hits / relevant.size : 0,
    ndcg: idcg ? dcg / idcg : 0,
  };
}

/**
 * Average precision at n: Σ over hits at rank k of precision@k, divided by min(|relevant|, n) (the usual
 * MAP@n normalisation, so a perfect list scores 1 even when more than n movies are relevant).
 */
export function averagePrecision(
  ranked: readonly number[],
  relevant: ReadonlySet<number>,
  n: number,
): number {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, n).forEach((id, r) => {
    if (relevant.has(id)) sum += ++hits / (r + 1);
  });
  const denominator = Math.min(relevant.size, n);
  return denominator ? sum / denominator : 0;
}

/**
 * 1 − mean |A ∩ B| / n over pairs of lists (n = the longer list of the pair). Every pair when there are at
 * most `maxPairs`, else `maxPairs` distinct-user pairs drawn with `rng`. 0 = everyone sees the same list.
 */
export function personalisation(
  lists: readonly (readonly number[])[],
  { maxPairs = 200_000, rng = mulberry32(42) }: { maxPairs?: number; rng?: Rng } = {},
): number {
  const sets = lists.map((l) => new Set(l));
  const m = lists.length;
  if (m < 2) return 0;
  let overlap = 0;
  let pairs = 0;
  const add = (a: number, b: number) => {
    const A = sets[a] as Set<number>;
    const B = sets[b] as Set<number>;
    const size = Math.max(A.size, B.size);
    if (size === 0) return;
    let shared = 0;
    for (const id of A) if (B.has(id)) shared++;
    overlap += shared / size;
    pairs++;
  };
  if ((m * (m - 1)) / 2 <= maxPairs) {
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) add(a, b);
  } else {
    for (let t = 0; t < maxPairs; t++) {
      const a = Math.floor(rng() * m);
      const b = (a + 1 + Math.floor(rng() * (m - 1))) % m; // any other user, uniformly
      add(a, b);
    }
  }
  return pairs ? 1 - overlap / pairs : 0;
}

/**
 * Mean self-information −log2(share) of every recommended movie (a movie shown to many users counts each
 * time), share = fraction of training users who rated it (Zhou et al. 2010's novelty). Higher = less popular.
 */
export function novelty(
  lists: readonly (readonly number[])[],
  ratingCounts: ReadonlyMap<number, number>,
  users: number,
): number {
  let sum = 0;
  let shown = 0;
  for (const list of lists) {
    for (const id of list) {
      const c = ratingCounts.get(id) ?? 0;
      sum += -Math.log2(Math.max(c, 1) / users); // a movie no training user rated is as rare as one rating
      shown++;
    }
  }
  return shown ? sum / shown : 0;
}

export interface EvaluationResult {
  rmse: number | null;
  mae: number | null;
  precision: number;
  recall: number;
  ndcg: number;
  /** Recall among the top `recallN` (default 20). */
  recallAtN: number;
  /** MAP@n. */
  map: number;
  coverage: number;
  personalisation: number;
  novelty: number;
  /** The ranked users (ascending id) and their NDCG@n, aligned: the input of a paired test between models. */
  perUser: { userIds: Int32Array; ndcg: Float64Array };
  recommendMsMedian: number;
  users: number;
  testRatings: number;
}

function groupByUser(cols: RatingColumns): Map<number, RatedMovie[]> {
  const out = new Map<number, RatedMovie[]>();
  for (let p = 0; p < cols.userIds.length; p++) {
    const u = cols.userIds[p] as number;
    const list = out.get(u) ?? [];
    list.push({ movieId: cols.movieIds[p] as number, rating: cols.ratings[p] as number });
    out.set(u, list);
  }
  return out;
}

/**
 * Evaluates a fitted recommender on a split. A test movie the recommender cannot predict (null: unseen
 * in training, no neighbour) is predicted as the training mean, so RMSE covers every test rating;
 * algorithms whose predict() is all-null report rmse/mae null. `onProgress` sees users done.
 */
export function evaluateRecommender(
  rec: Recommender,
  train: RatingColumns,
  test: RatingColumns,
  {
    n = 10,
    recallN = 20,
    catalogueSize,
    onProgress,
  }: {
    n?: number;
    recallN?: number;
    catalogueSize: number;
    onProgress?: (done: number, total: number) => void;
  },
): EvaluationResult {
  const trainBy = groupByUser(train);
  const ratingCounts = new Map<number, number>();
  for (let p = 0; p < train.movieIds.length; p++)
    ratingCounts.set(train.movieIds[p] as number, (ratingCounts.get(train.movieIds[p] as number) ?? 0) + 1);
  const testBy = groupByUser(test);
  let mean = 0;
  for (let p = 0; p < train.ratings.length; p++) mean += train.ratings[p] as number;
  mean /= Math.max(train.ratings.length, 1);
  let se = 0;
  let ae = 0;
  let count = 0;
  let predicted = 0;
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let recallAtN = 0;
  let map = 0;
  let ranked = 0;
  const rankedIds: number[] = [];
  const rankedNdcg: number[] = [];
  const lists: number[][] = [];
  const shown = new Set<number>();
  const times: number[] = [];
  const users = [...testBy.keys()].sort((a, b) => a - b);
  users.forEach((u, done) => {
    const profile = trainBy.get(u) ?? [];
    const held = testBy.get(u) ?? [];
    const preds = rec.predict(
      profile,
      held.map((h) => h.movieId),
    );
    held.forEach((h, t) => {
      const p = preds[t] ?? null;
      if (p !== null) predicted++;
      const e = (p ?? mean) - h.rating;
      se += e * e;
      ae += Math.abs(e);
      count++;
    });
    const relevant = new Set(held.filter((h) => h.rating >= RELEVANT).map((h) => h.movieId));
    const t0 = performance.now();
    // One list of max(n, recallN): its first n are the top n (every recommender ranks deterministically).
    const long = rec.recommend(profile, { n: Math.max(n, recallN), excludeUserId: u }).map((r) => r.movieId);
    times.push(performance.now() - t0);
    const top = long.slice(0, n);
    lists.push(top);
    for (const id of top) shown.add(id);
    if (relevant.size > 0) {
      const m = rankingMetrics(top, relevant, n);
      precision += m.precision;
      recall += m.recall;
      ndcg += m.ndcg;
      recallAtN += rankingMetrics(long, relevant, recallN).recall;
      map += averagePrecision(top, relevant, n);
      rankedIds.push(u);
      rankedNdcg.push(m.ndcg);
      ranked++;
    }
    onProgress?.(done + 1, users.length);
  });
  times.sort((a, b) => a - b);
  const rated = predicted > 0;
  return {
    rmse: rated ? Math.sqrt(se / count) : null,
    mae: rated ? ae / count : null,
    precision: ranked ? precision / ranked : 0,
    recall: ranked ? recall / ranked : 0,
    ndcg: ranked ? ndcg / ranked : 0,
    recallAtN: ranked ? recallAtN / ranked : 0,
    map: ranked ? map / ranked : 0,
    coverage: shown.size / catalogueSize,
    personalisation: personalisation(lists),
    novelty: novelty(lists, ratingCounts, trainBy.size),
    perUser: { userIds: Int32Array.from(rankedIds), ndcg: Float64Array.from(rankedNdcg) },
    recommendMsMedian: times[Math.floor(times.length / 2)] ?? 0,
    users: ranked,
    testRatings: count,
  };
}

/**
 * How many of `pairs` a similar-movies function finds: `either` counts pairs where b is in a's top n or a
 * in b's, `both` pairs found in both directions. Used with fixtures/similar-movie-pairs.json.
 */
export function pairAgreement(
  similar: (movieId: number, n: number) => readonly { movieId: number }[],
  pairs: readonly { a: number; b: number }[],
  n = 10,
): { either: number; both: number; missed: { a: number; b: number }[] } {
  let either = 0;
  let both = 0;
  const missed: { a: number; b: number }[] = [];
  for (const { a, b } of pairs) {
    const ab = similar(a, n).some((s) => s.movieId === b);
    const ba = similar(b, n).some((s) => s.movieId === a);
    if (ab || ba) either++;
    else missed.push({ a, b });
    if (ab && ba) both++;
  }
  return { either, both, missed };
}
