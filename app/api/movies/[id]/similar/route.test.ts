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
import { GET } from './route';

async function get(id: string, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await GET(new Request(`http://test/api/movies/${id}/similar${query}`), {
    params: Promise.resolve({ id }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describeEachDatabase(
  'GET /api/movies/{id}/similar',
  (current) => {
    let engine: Engine;
    beforeAll(() => {
      currentDb = current().db;
      engine = new Engine({
        connection: current().connection,
        specs: FIXTURE_SPECS,
        fitIn: 'main',
        log: () => undefined,
      });
      setEngineInstance(engine);
    });
    afterAll(() => setEngineInstance(null));

    it('answers 503 with Retry-After until the model is fitted', async () => {
      const { status } = await get('1');
      expect(status).toBe(503);
    });

    it('lists the movies liked together with this one, most similar first, with similarities in [0, 1]', async () => {
      await engine.start();
      const { status, body } = await get('1', '?n=3');
      expect(status).toBe(200);
      const items = body.items as { movieId: number; title: string; similarity: number }[];
      expect(body.movieId).toBe(1);
      expect(items).toHaveLength(3);
      // The fixture's group A likes movies 1–8 together: movie 1's neighbours come from there.
      for (const item of items) {
        expect(item.movieId).toBeGreaterThan(1);
        expect(item.movieId).toBeLessThanOrEqual(8);
        expect(item.similarity).toBeGreaterThan(0);
        expect(item.similarity).toBeLessThanOrEqual(1);
        expect(item.title).toMatch(/^Movie \d+/);
      }
      const similarities = items.map((item) => item.similarity);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    });

    it('answers 404 for a movie not in the catalogue and 400 naming a bad id or n', async () => {
      expect((await get('999')).status).toBe(404);
      expect(await get('abc')).toMatchObject({
        status: 400,
        body: { error: expect.stringMatching(/^id: /) },
      });
      expect(await get('1', '?n=0')).toMatchObject({
        status: 400,
        body: { error: expect.stringMatching(/^n must be at least 1/) },
      });
      expect(await get('1', '?n=51')).toMatchObject({ status: 400 });
    });
  },
  async ({ db }) => seedEngineFixture(db),
);
