/**
 * The /similarity heat map's data: adjusted-cosine similarity between the visitor and a sample of MovieLens users
 * (the most similar ones plus a spread of the rest), and among those users, computed for just the users shown
 * (lib/recsys userSimilaritiesAmong): the cost follows the page, not the number of users.
 */
import { userSimilaritiesAmong, visitorSimilarities } from '@/lib/recsys';
import { fitCosine } from '@/lib/recsys/cosine';
import type { CosineModel } from '@/lib/recsys/cosine';
import type { RatingMatrix } from '@/lib/recsys/matrix';
import type { RatedMovie } from '@/lib/recsys/types';
import type { Engine } from './engine';

export interface HeatMapUser {
  /** MovieLens user id, or null for the visitor. */
  id: number | null;
  label: string;
  ratingCount: number;
  /** Similarity to the visitor (null without a visitor profile, or for the visitor). */
  toVisitor: number | null;
}

export interface HeatMapData {
  users: HeatMapUser[];
  /** similarity[r][c] in -1..1. */
  similarity: number[][];
  /** shared[r][c]: movies both rated. */
  shared: number[][];
  withVisitor: boolean;
}

export const MIN_HEAT_MAP_USERS = 10;
export const MAX_HEAT_MAP_USERS = 50;

/** null while the ratings are not loaded. */
export function buildHeatMap(
  engine: Engine | null,
  profile: readonly RatedMovie[],
  count: number,
): HeatMapData | null {
  const matrix = engine?.matrix;
  if (!matrix) return null;
  const cosine = centredCosine(matrix);
  const m = matrix.users;
  const n = Math.min(Math.max(Math.round(count), MIN_HEAT_MAP_USERS), MAX_HEAT_MAP_USERS, m);
  const known = profile.filter((rated) => matrix.movieIndex.has(rated.movieId));
  if (known.length === 0) return anonymousHeatMap(cosine, n);

  // Matrix rows are the cosine model's users, in the same order.
  const toVisitor = visitorSimilarities(cosine, known).similarity;
  const ranked = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => (toVisitor[b] as number) - (toVisitor[a] as number) || a - b,
  );
  const chosen = pickTopAndSpread(ranked, n);
  chosen.sort((a, b) => (toVisitor[b] as number) - (toVisitor[a] as number) || a - b);
  const among = amongUsers(cosine, chosen);
  const visitorShared = sharedWithProfile(matrix, known, chosen);
  return {
    users: [
      { id: null, label: 'You', ratingCount: known.length, toVisitor: null },
      ...among.users.map((user, r) => ({
        ...user,
        toVisitor: round(toVisitor[chosen[r] as number] as number),
      })),
    ],
    similarity: [
      [1, ...chosen.map((i) => round(toVisitor[i] as number))],
      ...among.similarity.map((row, r) => [round(toVisitor[chosen[r] as number] as number), ...row]),
    ],
    shared: [
      [known.length, ...visitorShared],
      ...among.shared.map((row, r) => [visitorShared[r] as number, ...row]),
    ],
    withVisitor: true,
  };
}

/** The chosen users' block of the heat map, in their order. */
function amongUsers(
  cosine: CosineModel,
  chosen: readonly number[],
): Pick<HeatMapData, 'users' | 'similarity' | 'shared'> {
  const { matrix } = cosine;
  const n = chosen.length;
  const { similarity, shared } = userSimilaritiesAmong(cosine, chosen);
  return {
    users: chosen.map((i) => ({
      id: matrix.userIds[i] as number,
      label: `User ${matrix.userIds[i]}`,
      ratingCount: (matrix.rowPtr[i + 1] as number) - (matrix.rowPtr[i] as number),
      toVisitor: null,
    })),
    similarity: chosen.map((_, r) => chosen.map((__, c) => round(similarity[r * n + c] as number))),
    shared: chosen.map((_, r) => chosen.map((__, c) => shared[r * n + c] as number)),
  };
}

// Without a visitor the map is the same for everyone: computed once per matrix and size.
const anonymousMaps = new WeakMap<CosineModel, Map<number, HeatMapData>>();

/** No visitor: the most active users (their similarities rest on many movies), ordered so that clusters show. */
function anonymousHeatMap(cosine: CosineModel, n: number): HeatMapData {
  let maps = anonymousMaps.get(cosine);
  if (!maps) anonymousMaps.set(cosine, (maps = new Map()));
  const cached = maps.get(n);
  if (cached) return cached;
  const { matrix } = cosine;
  const ratingCount = (i: number) => (matrix.rowPtr[i + 1] as number) - (matrix.rowPtr[i] as number);
  const active = Array.from({ length: matrix.users }, (_, i) => i)
    .sort((a, b) => ratingCount(b) - ratingCount(a) || a - b)
    .slice(0, n);
  const { similarity } = userSimilaritiesAmong(cosine, active);
  const order = greedyOrder(
    active.map((_, r) => r),
    (a, b) => similarity[a * active.length + b] as number,
  );
  const data = {
    ...amongUsers(
      cosine,
      order.map((r) => active[r] as number),
    ),
    withVisitor: false,
  };
  maps.set(n, data);
  return data;
}

// The map is adjusted (centred) cosine, for the visitor's row as among users. O(nnz) once per data version.
const centredModels = new WeakMap<RatingMatrix, CosineModel>();
function centredCosine(matrix: RatingMatrix): CosineModel {
  let model = centredModels.get(matrix);
  if (!model) {
    model = fitCosine(matrix, { centred: true }) as CosineModel;
    centredModels.set(matrix, model);
  }
  return model;
}

/** The first ⌈60%⌉ of a ranking, then the rest sampled at even steps down to the least similar. */
export function pickTopAndSpread(ranked: readonly number[], n: number): number[] {
  if (ranked.length <= n) return [...ranked];
  const top = Math.ceil(n * 0.6);
  const rest = ranked.slice(top);
  const spread = n - top;
  const picked = [...ranked.slice(0, top)];
  for (let k = 0; k < spread; k++)
    picked.push(rest[Math.round(((k + 1) * (rest.length - 1)) / spread)] as number);
  return [...new Set(picked)];
}

/** Nearest-neighbour chain: start from the most connected item, then always append the most similar remaining one. */
export function greedyOrder(items: readonly number[], sim: (a: number, b: number) => number): number[] {
  if (items.length === 0) return [];
  const total = (a: number) => items.reduce((sum, b) => sum + (a === b ? 0 : sim(a, b)), 0);
  const remaining = new Set(items);
  let current = [...items].sort((a, b) => total(b) - total(a) || a - b)[0] as number;
  const order = [current];
  remaining.delete(current);
  while (remaining.size > 0) {
    let best = -1;
    let bestSim = -Infinity;
    for (const candidate of remaining) {
      const s = sim(current, candidate);
      if (s > bestSim || (s === bestSim && candidate < best)) [best, bestSim] = [candidate, s];
    }
    order.push(best);
    remaining.delete(best);
    current = best;
  }
  return order;
}

function sharedWithProfile(
  matrix: NonNullable<Engine['matrix']>,
  profile: readonly RatedMovie[],
  users: readonly number[],
): number[] {
  const wanted = new Set(profile.map((rated) => matrix.movieIndex.get(rated.movieId)));
  return users.map((i) => {
    let count = 0;
    for (let p = matrix.rowPtr[i] as number; p < (matrix.rowPtr[i + 1] as number); p++)
      if (wanted.has(matrix.colIdx[p])) count++;
    return count;
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A MovieLens user's highest ratings (ties: most rated movies first), for the panel under the heat map. */
export function topRatedBy(
  engine: Engine | null,
  userId: number,
  n = 10,
): { movieId: number; title: string; year: number | null; rating: number }[] | null {
  const matrix = engine?.matrix;
  const catalog = engine?.catalog;
  const i = matrix?.userIndex.get(userId);
  if (!matrix || !catalog || i === undefined) return null;
  const rows: { movieId: number; title: string; year: number | null; rating: number; count: number }[] = [];
  for (let p = matrix.rowPtr[i] as number; p < (matrix.rowPtr[i + 1] as number); p++) {
    const movieId = matrix.movieIds[matrix.colIdx[p] as number] as number;
    const movie = catalog.get(movieId);
    if (movie)
      rows.push({
        movieId,
        title: movie.title,
        year: movie.year,
        rating: matrix.values[p] as number,
        count: movie.ratingCount,
      });
  }
  rows.sort((a, b) => b.rating - a.rating || b.count - a.count || a.movieId - b.movieId);
  return rows
    .slice(0, n)
    .map((row) => ({ movieId: row.movieId, title: row.title, year: row.year, rating: row.rating }));
}
