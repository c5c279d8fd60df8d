/**
 * The process's one Engine, kept on globalThis so that hot reload does not train twice. Only index.ts (and tests,
 * through testing/) touch it.
 */
import type { Engine } from './engine';

type GlobalWithEngine = typeof globalThis & {
  __movielensEngine?: Engine;
  __movielensEngineStart?: Promise<Engine>;
};
const holder = globalThis as GlobalWithEngine;

export function currentEngine(): Engine | null {
  return holder.__movielensEngine ?? null;
}

/** The engine once created: `create` runs at most once at a time; a failed creation is tried again next call. */
export function ensureEngine(create: () => Promise<Engine>): Promise<Engine> {
  holder.__movielensEngineStart ??= create()
    .then((engine) => {
      holder.__movielensEngine ??= engine;
      return holder.__movielensEngine;
    })
    .catch((error: unknown) => {
      holder.__movielensEngineStart = undefined;
      throw error;
    });
  return holder.__movielensEngineStart;
}

/** Tests: serve this engine (or none) as the process's engine. */
export function setEngineInstance(engine: Engine | null): void {
  holder.__movielensEngine = engine ?? undefined;
  holder.__movielensEngineStart = engine ? Promise.resolve(engine) : undefined;
}
