/**
 * The site's model cache (issue #3): one Engine per process, kept on globalThis so that hot reload does not
 * train twice. Pages and route handlers import from here; lib/recsys stays pure.
 */
import 'server-only';
import { getDatabase } from '@/db/client';
import type { RatedMovie } from '@/lib/recsys/types';
import { errorMessage } from './fit-jobs';
import { Engine, type EngineStatusJson } from './engine';
import { recommendWithEngine, similarMoviesWithEngine, type RecommendForOptions, type RecommendationResult } from './recommend';

export type { EngineStatus, EngineStatusJson, ModelEntry } from './engine';
export type { RecommendationResult, RecommendedMovie, FallbackReason, RecommendForOptions } from './recommend';
export type { CatalogEntry } from './catalog';
export type { MovieFilter } from '@/lib/movie-filter';

type GlobalWithEngine = typeof globalThis & { __movielensEngine?: Engine; __movielensEngineStart?: Promise<Engine> };
const holder = globalThis as GlobalWithEngine;

/**
 * Starts loading or training the models in the background and returns at once (idempotent; calling it again
 * after an import picks up a new data version). Resolves with the engine when its database is open.
 */
export function startEngine(): Promise<Engine> {
  return ensureEngine().then((engine) => {
    void engine.start();
    return engine;
  });
}

function ensureEngine(): Promise<Engine> {
  holder.__movielensEngineStart ??= getDatabase()
    .then(({ db }) => {
      holder.__movielensEngine ??= new Engine({ db, fitIn: 'worker' });
      return holder.__movielensEngine;
    })
    .catch((error: unknown) => {
      holder.__movielensEngineStart = undefined;
      throw error;
    });
  return holder.__movielensEngineStart;
}

/** The engine if it was started (status, recommenders, similarity matrix), else null. */
export function getEngine(): Engine | null {
  return holder.__movielensEngine ?? null;
}

/** Plain JSON for /api/health. */
export function getEngineStatus(): EngineStatusJson | { status: 'idle'; error: string } {
  return getEngine()?.statusJson() ?? { status: 'idle', error: 'the engine has not been started' };
}

/**
 * Recommendations for a profile (the visitor's ratings, or an API caller's): never throws for a missing
 * model, it falls back to popular movies and says why. Starts the engine if nobody has.
 */
export async function recommendFor(profile: readonly RatedMovie[], options: RecommendForOptions = {}): Promise<RecommendationResult> {
  const engine = await ensureEngine().catch((error: unknown) => {
    console.error(`[engine] cannot start: ${errorMessage(error)}`);
    return null;
  });
  engine?.refreshIfDue();
  const { db } = await getDatabase();
  return recommendWithEngine(engine, db, profile, options);
}

/** Movies similar to one movie by their NMF factors (empty until an NMF model is ready). */
export function similarMoviesFor(movieId: number, n = 10) {
  return similarMoviesWithEngine(getEngine(), movieId, n);
}
