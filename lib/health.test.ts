import type { DatabaseCounts } from '@/lib/data/stats';
import type { EngineStatusJson } from '@/lib/recsys/engine';
import { assessHealth, isOperator, operatorHealth, type HealthFacts } from './health';

const counts: DatabaseCounts = { movies: 10, links: 10, ratings: 100, tags: 0, users: 5, visitors: 0 };

function engine(
  states: ('pending' | 'training' | 'ready' | 'failed')[],
  status: EngineStatusJson['status'] = 'ready',
): EngineStatusJson {
  return {
    status,
    error: null,
    dataVersion: 'v1',
    progress: { done: 0, total: states.length, current: null },
    models: states.map((state, i) => ({ key: `m${i}`, state, source: null, ms: null, error: null })),
    itemSimilarity: false,
    trainingRatings: 0,
    startedAt: null,
    seconds: null,
  };
}

function facts(overrides: Partial<HealthFacts>): HealthFacts {
  return {
    startup: { status: 'ready', error: null },
    engine: engine(['ready', 'training'], 'training'),
    database: { kind: 'postgresql', counts },
    ...overrides,
  };
}

describe('assessHealth', () => {
  it('is ready (200) once startup is done, the data is there and one model serves', () => {
    expect(assessHealth(facts({}))).toEqual({
      httpStatus: 200,
      body: {
        status: 'ready',
        startup: { status: 'ready' },
        model: { status: 'training', ready: 1, total: 2 },
      },
    });
  });

  it.each<[string, Partial<HealthFacts>]>([
    ['failed', { startup: { status: 'failed', error: 'cannot reach the database (db.internal:5432)' } }],
    ['starting', { startup: { status: 'waiting-for-database', error: 'ECONNREFUSED 10.0.0.5:5432' } }],
    ['unavailable', { database: { error: 'connect ECONNREFUSED 10.0.0.5:5432' } }],
    ['no-data', { database: { kind: 'pglite', counts: { ...counts, movies: 0 } } }],
    ['no-model', { engine: engine(['training', 'pending'], 'training') }],
    ['no-model', { engine: { status: 'idle', error: 'the engine has not been started' } }],
  ])('answers 503 %s, with no error text, host or path', (status, override) => {
    const { httpStatus, body } = assessHealth(facts(override));
    expect(httpStatus).toBe(503);
    expect(body.status).toBe(status);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|db\.internal|error/);
  });

  it('gives the operator the details', () => {
    const input = facts({ database: { error: 'connect ECONNREFUSED 10.0.0.5:5432' } });
    expect(operatorHealth(input, assessHealth(input).body)).toMatchObject({
      status: 'unavailable',
      reason: 'connect ECONNREFUSED 10.0.0.5:5432',
      model: { models: expect.any(Array) },
    });
  });
});

describe('isOperator', () => {
  const token = 'operator-token-0123456789';
  it('accepts only the configured bearer token', () => {
    expect(isOperator(`Bearer ${token}`, token)).toBe(true);
    expect(isOperator(`Bearer ${token}x`, token)).toBe(false);
    expect(isOperator(token, token)).toBe(false);
    expect(isOperator(null, token)).toBe(false);
  });
  it('has no operator view when HEALTH_TOKEN is unset', () => {
    expect(isOperator('Bearer ', undefined)).toBe(false);
    expect(isOperator('Bearer anything', '')).toBe(false);
  });
});
