import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describeEachDatabase } from '@/db/test-db';
import type { DB } from '@/db/schema';
import { RecommendationRequest } from '@/app/api/recommendations/schema';
import { API_SPECS } from '@/lib/recsys/model-specs';
import { Engine, FIXTURE_SPECS, seedEngineFixture, setEngineInstance } from '@/lib/recsys/engine/testing';

/**
 * POST /api/recommendations under random bodies (fast-check): malformed JSON, wrong types, missing and unknown
 * fields, absurd n, unknown algorithms and fills, unknown movie ids, oversized bodies, odd content types. The
 * answer is always a 2xx or a 4xx with an error naming the field — never a 500 or a throw — and nothing is ever
 * written (the API stores no ratings). A valid body for movies in the catalogue gets a 200.
 */

let currentDb: Kysely<DB> | undefined;
jest.mock('@/db/client', () => ({
  ...jest.requireActual('@/db/client'),
  getDatabase: async () => ({ kind: 'pglite', db: currentDb }),
}));

// Imported after the mock so the route sees the test database.
import { POST } from './route';

const ALGORITHMS = [...new Set(API_SPECS.map((spec) => spec.algorithm))];
const NMF_FILLS = API_SPECS.flatMap((spec) => (spec.fill ? [spec.fill] : []));
const FIELDS = /^(body|ratings|algorithm|fill|minRatings|n)\b/;

const anyJson = fc.jsonValue({ maxDepth: 3 });
const movieId = fc.oneof(
  fc.integer({ min: 1, max: 16 }),
  fc.constantFrom(0, -1, 17, 424242, 1.5, 2 ** 31, '1', null, NaN),
  anyJson,
);
const rating = fc.oneof(
  fc.integer({ min: 0, max: 11 }).map((half) => half / 2),
  fc.constantFrom(4.25, -0, 1e308, '4', true, null),
  anyJson,
);
const ratingsField = fc.oneof(
  fc.array(fc.record({ movieId, rating }, { requiredKeys: [] }), { maxLength: 6 }),
  fc.array(
    fc.record({
      movieId: fc.integer({ min: 1, max: 16 }),
      rating: fc.integer({ min: 1, max: 10 }).map((h) => h / 2),
    }),
    { maxLength: 5 },
  ),
  anyJson,
);
const body = fc.record(
  {
    ratings: ratingsField,
    algorithm: fc.oneof(fc.constantFrom(...ALGORITHMS, 'NMF', 'svd', '', '__proto__'), anyJson),
    fill: fc.oneof(fc.constantFrom(...NMF_FILLS, 'mean', ''), anyJson),
    n: fc.oneof(
      fc.integer({ min: -5, max: 120 }),
      fc.constantFrom(1e9, 0.5, '10', Number.MAX_SAFE_INTEGER),
      anyJson,
    ),
    minRatings: fc.oneof(fc.integer({ min: -5, max: 200_000 }), anyJson),
    extra: anyJson,
  },
  { requiredKeys: [] },
);
// Bodies that are valid apart from at most one mutated field (so that both answers are reached).
const nearlyValid = fc
  .record({
    ratings: fc.uniqueArray(
      fc.record({
        movieId: fc.integer({ min: 1, max: 16 }),
        rating: fc.integer({ min: 1, max: 10 }).map((h) => h / 2),
      }),
      {
        maxLength: 5,
        selector: (rated) => rated.movieId,
      },
    ),
    algorithm: fc.constantFrom(...ALGORITHMS),
    fill: fc.constantFrom(...NMF_FILLS),
    n: fc.integer({ min: 1, max: 100 }),
    minRatings: fc.integer({ min: 0, max: 20 }),
  })
  .chain((valid) => {
    const { fill, ...rest } = valid;
    const base = valid.algorithm === 'nmf' ? { ...rest, fill } : rest;
    return fc.oneof(
      fc.constant<Record<string, unknown>>(base),
      fc
        .tuple(fc.constantFrom('ratings', 'algorithm', 'fill', 'n', 'minRatings', 'extra'), anyJson)
        .map(([key, value]) => ({ ...base, [key]: value })),
    );
  });
// Malformed JSON: valid bodies cut short or with junk spliced in.
const malformed = fc
  .tuple(
    body.map((value) => JSON.stringify(value)),
    fc.nat(),
    fc.constantFrom('', '{', '}', ',', '"', '\u0000', 'NaN', '\\', '\ud800'),
  )
  .map(([text, cut, junk]) => text.slice(0, cut % (text.length + 1)) + junk);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'text/plain',
  'multipart/form-data',
  '',
);

describeEachDatabase(
  'POST /api/recommendations under random bodies',
  (current) => {
    beforeAll(async () => {
      currentDb = current().db;
      const engine = new Engine({
        connection: current().connection,
        specs: FIXTURE_SPECS,
        fitIn: 'main',
        log: () => undefined,
      });
      setEngineInstance(engine);
      await engine.start();
    });
    afterAll(() => {
      setEngineInstance(null);
    });
    beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
    afterEach(() => jest.restoreAllMocks());

    async function counts(): Promise<string> {
      const result = await sql<{ users: number; ratings: number }>`
        SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM ratings) AS ratings`.execute(
        current().db,
      );
      return `${Number(result.rows[0]?.users)}/${Number(result.rows[0]?.ratings)}`;
    }

    async function send(text: string, type: string): Promise<{ status: number; error?: string }> {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      let response: Response;
      try {
        response = await POST(
          new Request('http://test/api/recommendations', { method: 'POST', headers, body: text }),
        );
      } catch (error) {
        throw new Error(`POST threw for ${JSON.stringify(text).slice(0, 300)}: ${String(error)}`);
      }
      const json = (await response.json()) as { error?: string };
      expect(response.status).not.toBe(500);
      if (response.status >= 400) expect(typeof json.error).toBe('string');
      return { status: response.status, error: json.error };
    }

    it('answers structured random bodies with 200 exactly when they are valid, else a 400 naming the field', async () => {
      const before = await counts();
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(fc.oneof(body, nearlyValid), async (value) => {
          const { status, error } = await send(JSON.stringify(value), 'application/json');
          seen.add(status);
          const parsed = RecommendationRequest.safeParse(JSON.parse(JSON.stringify(value)));
          const valid = parsed.success && parsed.data.ratings.every((rated) => rated.movieId <= 16);
          expect([status, error]).toEqual([
            valid ? 200 : 400,
            valid ? undefined : expect.stringMatching(FIELDS),
          ]);
        }),
        { numRuns: 200 },
      );
      expect(await counts()).toBe(before);
      expect([...seen].sort()).toEqual([200, 400]); // the generators reach both sides
    });

    it('answers any JSON value, malformed JSON and odd content types without a 5xx', async () => {
      const before = await counts();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            anyJson.map((value) => JSON.stringify(value)),
            malformed,
          ),
          contentType,
          async (text, type) => {
            const { status, error } = await send(text, type);
            expect([200, 400, 415]).toContain(status);
            if (status === 400) expect(error).toMatch(FIELDS);
          },
        ),
        { numRuns: 150 },
      );
      expect(await counts()).toBe(before);
    });

    it('refuses a body over the size limit with 413, whatever Content-Length says', async () => {
      const big = JSON.stringify({
        ratings: Array.from({ length: 5000 }, (_, i) => ({ movieId: (i % 16) + 1, rating: 4 })),
      });
      expect((await send(big, 'application/json')).status).toBe(413);
      const response = await POST(
        new Request('http://test/api/recommendations', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '10' },
          body: big,
        }),
      );
      expect(response.status).toBe(413);
    });
  },
  async ({ db }) => seedEngineFixture(db),
);
