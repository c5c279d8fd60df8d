import fc from 'fast-check';
import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { seedTestMovies } from '@/lib/data/test-movies';
import { GET } from './route';

/**
 * GET /api/movies under random query strings (fast-check): the answer is always 200 with a list or 400 with an
 * error naming the parameter — never a 500 or a throw, whatever the bytes (quotes, wildcards, NUL, bad %-escapes).
 */

jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));

const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'toy',
    '%',
    '_',
    '\\',
    "'",
    "' OR '1'='1",
    '\u0000',
    'a\u0000',
    '\ud800',
    ' ',
    '1',
    '50',
    '51',
    '-1',
    '1e1',
    'x'.repeat(101),
  ),
  fc.integer({ min: -100, max: 100 }).map(String),
);
const params = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom('search', 'limit'), fc.string({ maxLength: 6 })), value),
  { maxLength: 4 },
);
// Raw query strings too: malformed %-escapes and stray separators never reach URLSearchParams' encoder.
const rawQuery = fc
  .array(
    fc.constantFrom(
      'search=',
      'limit=',
      '%',
      '%E0%A4%A',
      '%00',
      '%ZZ',
      '&',
      '=',
      '+',
      'toy',
      '%27',
      '%25',
      '%5C',
      '10',
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

describeEachDatabase(
  'GET /api/movies under random queries',
  (current) => {
    beforeEach(() => jest.mocked(getDatabase).mockResolvedValue(current().connection));

    async function check(query: string): Promise<void> {
      let response: Response;
      try {
        response = await GET(new Request(`http://localhost/api/movies?${query}`));
      } catch (error) {
        throw new Error(`GET /api/movies?${query} threw: ${String(error)}`);
      }
      const body = (await response.json()) as { items?: unknown[]; error?: string };
      expect([200, 400]).toContain(response.status);
      if (response.status === 400) expect(body.error).toMatch(/^(search|limit)\b/);
      else expect(Array.isArray(body.items)).toBe(true);
    }

    it('answers 200 or a 400 naming the field for any parameters', async () => {
      await fc.assert(
        fc.asyncProperty(params, async (entries) => check(new URLSearchParams(entries).toString())),
        { numRuns: 150 },
      );
    });

    it('answers 200 or 400 for malformed raw query strings', async () => {
      await fc.assert(fc.asyncProperty(rawQuery, check), { numRuns: 100 });
    });

    it('refuses control characters with a 400 naming search', async () => {
      const response = await GET(new Request('http://localhost/api/movies?search=a%00b'));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^search.*control characters/);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
