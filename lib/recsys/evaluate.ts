/**
 * Offline evaluation: per-user random hold-out split, rating metrics (RMSE, MAE) and top-n metrics
 * (Precision, Recall, NDCG with binary gain and log2 discount; relevant = test rating ≥ 4.0; every
 * catalogue movie the user did not rate in training is a candidate). Users with no relevant test movie
 * are skipped for the ranking metrics (standard); `users` counts the users that were ranked.
 * "Recommend for a user" uses that user's training ratings as the profile, through the same
 * recommend() the website calls (NMF folds them in; cosine excludes the user's own row via excludeUserId).
 */
import type { RatingColumns } from './matrix';
import { mulberry32, shuffleInPlace } from './random';
import type { RatedMovie, Recommender } from './types';

export const RELEVANT = 4.0;

/** Splits each user's ratings, holding out round(testFraction·count) at random (seeded). */
export function splitByUser(data: RatingColumns, { testFraction = 0.2, seed = 42 } = {}): { train: RatingColumns; test: RatingColumns } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
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
export function rankingMetrics(ranked: readonly number[], relevant: ReadonlySet<number>, n: number): { precision: number; recall: number; ndcg: number } {
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
  return { precision: hits / n, recall: relevant.size ? hits / relevant.size : 0, ndcg: idcg ? dcg / idcg : 0 };
}

export interface EvaluationResult {
  rmse: number | null;
  mae: number | null;
  precision: number;
  recall: number;
  ndcg: number;
  coverage: number;
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
  rec: Recommender, train: RatingColumns, test: RatingColumns,
  { n = 10, catalogueSize, onProgress }: { n?: number; catalogueSize: number; onProgress?: (done: number, total: number) => void },
): EvaluationResult {
  const trainBy = groupByUser(train);
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
  let ranked = 0;
  const shown = new Set<number>();
  const times: number[] = [];
  const users = [...testBy.keys()].sort((a, b) => a - b);
  users.forEach((u, done) => {
    const profile = trainBy.get(u) ?? [];
    const held = testBy.get(u) ?? [];
    const preds = rec.predict(profile, held.map((h) => h.movieId));
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
    const recs = rec.recommend(profile, { n, excludeUserId: u });
    times.push(performance.now() - t0);
    for (const r of recs) shown.add(r.movieId);
    if (relevant.size > 0) {
      const m = rankingMetrics(recs.map((r) => r.movieId), relevant, n);
      precision += m.precision;
      recall += m.recall;
      ndcg += m.ndcg;
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
    coverage: shown.size / catalogueSize,
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
  similar: (movieId: number, n: number) => readonly { movieId: number }[], pairs: readonly { a: number; b: number }[], n = 10,
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
