import crypto from 'node:crypto';
import type { DatabaseCounts } from '@/lib/data/stats';
import type { EngineStatusJson } from '@/lib/recsys/engine';
import type { StartupState } from '@/lib/startup';

/**
 * /api/health is public, so what it says is split in two: a readiness answer anyone may read (coarse states only:
 * no paths, pids, hosts or driver errors, which go to the server log), and the details for an operator who
 * sends `Authorization: Bearer <HEALTH_TOKEN>` (unset: no operator view). /api/health/live is the bare liveness
 * answer for a process supervisor.
 */

export type Readiness = 'ready' | 'starting' | 'no-data' | 'no-model' | 'unavailable' | 'failed';

export interface HealthFacts {
  startup: StartupState;
  engine: EngineStatusJson | { status: 'idle'; error: string };
  /** Row counts, or the reason the database did not answer. */
  database: { kind: string; counts: DatabaseCounts } | { error: string };
}

export interface PublicHealth {
  status: Readiness;
  startup: { status: StartupState['status'] };
  model: { status: string; ready: number; total: number };
}

function modelsReady(engine: HealthFacts['engine']): { ready: number; total: number } {
  const models = 'models' in engine ? engine.models : [];
  return { ready: models.filter((model) => model.state === 'ready').length, total: models.length };
}

/** Ready (200) only when startup finished, the database answers and has movies, and at least one model serves. */
export function assessHealth(facts: HealthFacts): { httpStatus: number; body: PublicHealth } {
  const models = modelsReady(facts.engine);
  const status: Readiness =
    facts.startup.status === 'failed'
      ? 'failed'
      : 'error' in facts.database
        ? 'unavailable'
        : facts.startup.status !== 'ready'
          ? 'starting'
          : facts.database.counts.movies === 0
            ? 'no-data'
            : models.ready === 0
              ? 'no-model'
              : 'ready';
  return {
    httpStatus: status === 'ready' ? 200 : 503,
    body: {
      status,
      startup: { status: facts.startup.status },
      model: { status: facts.engine.status, ...models },
    },
  };
}

/** The operator's view adds what the public answer leaves out. */
export function operatorHealth(facts: HealthFacts, assessed: PublicHealth) {
  return {
    ...assessed,
    startup: facts.startup,
    model: facts.engine,
    database: facts.database,
    ...('error' in facts.database ? { reason: facts.database.error } : {}),
  };
}

/** Does the request carry the operator token (compared in constant time)? Never, when HEALTH_TOKEN is unset. */
export function isOperator(authorization: string | null, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith('Bearer ')) return false;
  const given = crypto.createHash('sha256').update(authorization.slice('Bearer '.length)).digest();
  const expected = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(given, expected);
}
