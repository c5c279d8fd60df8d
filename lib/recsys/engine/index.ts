/**
 * The model cache's one import surface for pages and route handlers (issue #3): start it, ask it for
 * recommendations, similar movies and the heat map, and read its state. Everything else in this folder is internal.
 */
import 'server-only';
import { getDatabase } from '@/db/client';
import { getEnv } from '@/lib/env';
import { errorMessage } from '@/lib/errors';
import type { RatedMovie } from '@/lib/recsys/types';
import { listGenres } from './catalog';
import { Engine, type EngineStatus, type EngineStatusJson } from './engine';
import { currentEngine, ensureEngine } from './instance';
import { predictRatingsWithEngine } from './predict';
import {
  recommendWithEngine,
  similarMoviesWithEngine,
  type RecommendForOptions,
  type RecommendationResult,
} from './recommend';
import { buildHeatMap, topRatedBy, type HeatMapData } from './similarity';

export type { EngineStatus, EngineStatusJson } from './engine';
export type {
  RecommendationResult,
  RecommendedMovie,
  FallbackReason,
  RecommendForOptions,
} from './recommend';
export type { CatalogEntry } from './catalog';
export type { HeatMapData, HeatMapUser } from './similarity';
export { MAX_HEAT_MAP_USERS, MIN_HEAT_MAP_USERS } from './similarity';
export { MOVIELENS_GENRES } from './catalog';

function engine(): Promise<Engine> {
  return ensureEngine(async () => new Engine({ connection: await getDatabase(), fitIn: 'worker' }));
}

/**
 * Starts loading or training the models in the background and returns once the database is open (idempotent;
 * calling it again after an import picks up a new data version).
 */
export async function startEngine(): Promise<void> {
  const started = await engine();
  void started.start();
  watchForNewData(started);
}

function dataCheckMs(): number {
  return getEnv().DATA_CHECK_SECONDS * 1000;
}

let watching = false;

/**
 * Looks for a new data version every DATA_CHECK_SECONDS even when nobody asks for recommendations: an import run
 * by another process (or for another instance) must reach every instance's catalogue and models, not wait for a
 * visitor or a restart.
 */
function watchForNewData(started: Engine): void {
  if (watching) return;
  watching = true;
  setInterval(() => started.refreshIfDue(dataCheckMs()), dataCheckMs()).unref();
}

/** What pages may know of the engine: a read-only snapshot. */
export interface EngineView {
  status: EngineStatus;
  progress: { done: number; total: number; current: string | null };
  /** Keys of the models that can serve now (possibly the previous data version's during a retrain). */
  readyModels: readonly string[];
  /** The catalogue's genres, alphabetically (null until the catalogue is loaded). */
  genres: readonly string[] | null;
}

export function engineView(): EngineView | null {
  const current = currentEngine();
  if (!current) return null;
  return {
    status: current.status,
    progress: current.progress(),
    readyModels: current.readyModelKeys(),
    genres: current.catalog ? listGenres(current.catalog) : null,
  };
}

/** Plain JSON for /api/health. */
export function engineStatusJson(): EngineStatusJson | { status: 'idle'; error: string } {
  return currentEngine()?.statusJson() ?? { status: 'idle', error: 'the engine has not been started' };
}

/** Which of `ids` are in the loaded catalogue; null while no catalogue is loaded (ask the database then). */
export function knownMovieIds(ids: readonly number[]): Set<number> | null {
  const catalog = currentEngine()?.catalog;
  return catalog ? new Set(ids.filter((id) => catalog.has(id))) : null;
}

/**
 * Recommendations for a profile (the visitor's ratings, or an API caller's): never throws for a missing
 * model, it falls back to popular movies and says why. Starts the engine if nobody has.
 */
export async function recommendFor(
  profile: readonly RatedMovie[],
  options: RecommendForOptions = {},
): Promise<RecommendationResult> {
  const started = await engine().catch((error: unknown) => {
    console.error(`[engine] cannot start: ${errorMessage(error)}`);
    return null;
  });
  started?.refreshIfDue(dataCheckMs());
  const { db } = await getDatabase();
  return recommendWithEngine(started, db, profile, options);
}

/**
 * The visitor's predicted rating of each movie (movieId → 0.5–5), the one figure every page shows as "for you";
 * null below PREDICTION_MIN_RATINGS ratings or while the predictor model is not ready.
 */
export function predictedRatingsFor(
  profile: readonly RatedMovie[],
  movieIds: readonly number[],
): Map<number, number> | null {
  return predictRatingsWithEngine(currentEngine(), profile, movieIds);
}

/** Movies similar to one movie (empty until the model behind them is ready). */
export function similarMoviesFor(movieId: number, n = 10) {
  return similarMoviesWithEngine(currentEngine(), movieId, n);
}

/** The /similarity heat map for a profile (null while the similarity matrix is not ready). Starts the engine. */
export async function heatMapFor(profile: readonly RatedMovie[], count: number): Promise<HeatMapData | null> {
  const started = await engine().catch(() => null);
  started?.refreshIfDue(dataCheckMs());
  return buildHeatMap(started, profile, count);
}

/** A MovieLens user's highest-rated movies (null for an unknown user or while nothing is loaded). */
export function topRatedByUser(userId: number, n = 10) {
  return topRatedBy(currentEngine(), userId, n);
}
