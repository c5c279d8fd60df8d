import type { Kysely } from 'kysely';
import { describeEachDatabase } from '@/db/test-db';
import type { DB } from '@/db/schema';
import { Engine, FIXTURE_SPECS, seedEngineFixture, setEngineInstance } from '@/lib/recsys/engine/testing';

let currentDb: Kysely<DB> | undefined;
jest.mock('@/db/client', () => ({
  ...jest.requireActual('@/db/client'),
  getDatabase: async () => ({ kind: 'pglite', db: currentDb }),
}));

// Imported after the mock so the route sees the test database.
import { POST } from './route';

function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return POST(
    new Request('http://test/api/recommendations', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

describeEachDatabase(
  'POST /api/recommendations',
  (current) => {
    let engine: Engine;
    beforeAll(async () => {
      currentDb = current().db;
      engine = new Engine({
        connection: current().connection,
        specs: FIXTURE_SPECS,
        fitIn: 'main',
        log: () => undefined,
      });
      setEngineInstance(engine);
    });
    afterAll(() => {
      setEngineInstance(null);
    });

    it('answers 503 with Retry-After while the requested model trains, but popular at once', async () => {
      const response = await post({ ratings: [{ movieId: 1, rating: 5 }], algorithm: 'nmf', fill: 'zeros' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      const popular = await post({
        ratings: [{ movieId: 1, rating: 5 }],
        algorithm: 'popular',
        minRatings: 1,
      });
      expect(popular.status).toBe(200);
    });

    it('returns items with titles, scores and one-line explanations, storing nothing', async () => {
      await engine.start();
      const before = await current()
        .db.selectFrom('ratings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const response = await post({
        ratings: [
          { movieId: 1, rating: 5 },
          { movieId: 2, rating: 4.5 },
        ],
        algorithm: 'nmf',
        fill: 'movie-median',
        n: 3,
        minRatings: 0,
      });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({
        algorithm: 'nmf',
        fill: 'movie-median',
        model: 'nmf-movie-median',
        fallback: null,
      });
      expect(body.items).toHaveLength(3);
      expect(body.items[0]).toEqual({
        movieId: expect.any(Number),
        title: expect.stringMatching(/^Movie/),
        year: expect.any(Number),
        score: expect.any(Number),
        // Two ratings: too few for a predicted rating (PREDICTION_MIN_RATINGS).
        predictedRating: null,
        explanation: expect.stringMatching(/^because you liked/),
        explanationDetail: expect.objectContaining({ kind: 'nmf' }),
      });
      const five = [
        [1, 5],
        [2, 4.5],
        [3, 4],
        [4, 5],
        [12, 1],
      ].map(([movieId, rating]) => ({ movieId, rating }));
      const predicted = await (
        await post({ ratings: five, algorithm: 'cosine', n: 3, minRatings: 0 })
      ).json();
      for (const item of predicted.items) expect(item.predictedRating).toEqual(expect.any(Number));
      const after = await current()
        .db.selectFrom('ratings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('serves cosine with its explanation, and popular for an empty profile', async () => {
      const cosine = await (
        await post({
          ratings: [
            { movieId: 1, rating: 5 },
            { movieId: 9, rating: 1 },
          ],
          algorithm: 'cosine',
          n: 2,
          minRatings: 0,
        })
      ).json();
      expect(cosine.items[0].explanation).toMatch(/with tastes like yours/);
      const empty = await (await post({ ratings: [], algorithm: 'cosine', n: 2, minRatings: 0 })).json();
      expect(empty).toMatchObject({ model: 'popular', fallback: 'empty-profile' });
    });

    it.each([
      ['{"ratings": [', /body is not valid JSON/],
      [{ ratings: 'x' }, /^ratings must be an array/],
      [{ ratings: [{ movieId: 1, rating: 3.3 }] }, /^ratings\.0\.rating must be in half-star steps/],
      [{ ratings: [{ movieId: 1.5, rating: 3 }] }, /^ratings\.0\.movieId must be a whole number/],
      [
        {
          ratings: [
            { movieId: 1, rating: 3 },
            { movieId: 1, rating: 4 },
          ],
        },
        /^ratings\.1\.movieId movie 1 is rated twice/,
      ],
      [
        {
          ratings: [
            { movieId: 999, rating: 3 },
            { movieId: 1, rating: 3 },
          ],
        },
        /^ratings: unknown movieId 999$/,
      ],
      [{ algorithm: 'svd' }, /^algorithm must be one of/],
      [{ algorithm: 'cosine', fill: 'zeros' }, /^fill only applies to algorithm "nmf"/],
      [{ fill: 'mean' }, /^fill must be one of/],
      [{ n: 1e9 }, /^n must be at most 100/],
      [{ n: 0 }, /^n must be at least 1/],
      [{ n: '10' }, /^n must be a number/],
      [{ extra: true }, /^body: unknown field\(s\) extra/],
      [[1, 2], /^body /],
    ])('rejects %j with 400 naming the problem', async (body, message) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(message);
    });

    it('rejects bodies over 64 KB and non-JSON content types', async () => {
      const big = JSON.stringify({ ratings: [], pad: 'x'.repeat(70_000) });
      expect((await post(big)).status).toBe(413);
      expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    });
  },
  async ({ db }) => seedEngineFixture(db),
);
