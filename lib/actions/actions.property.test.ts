import fc from 'fast-check';
import { sql } from 'kysely';
import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { listUserRatings } from '@/lib/data/ratings';
import { seedTestMovies, TEST_MOVIES } from '@/lib/data/test-movies';
import { getVisitorId, VISITOR_COOKIE } from '@/lib/session';
import { RateMovieInput } from '@/lib/validation/movies';
import { hideMovie, unhideMovie } from './hidden';
import { rateMovie, removeRating } from './ratings';
import { idleState, type ActionState } from './state';
import { cookieJar } from '@/lib/testing/next-headers';

/**
 * Random FormData thrown at the server actions, called directly as Next.js would call them. Whatever arrives:
 * no throw, a state the form can show, and for refused input no row written anywhere (not even a visitor profile).
 */

process.env.SESSION_SECRET = 'property-test-secret-'.padEnd(64, 'x');
process.env.RATE_LIMIT_WRITES_PER_MINUTE = '0'; // thousands of calls from one client: limits have their own test
process.env.RATE_LIMIT_PROFILES_PER_HOUR = '0';

// The browser's cookie jar and the request's headers, as next/headers shows them to server code.
jest.mock('next/headers', () => jest.requireActual('@/lib/testing/next-headers'));
jest.mock('next/cache', () => ({ revalidatePath: jest.fn() }));
jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));

const KNOWN_IDS = TEST_MOVIES.map((movie) => String(movie.id));

/** Field values: plausible ones, near misses and junk. */
const fieldValue = fc.oneof(
  fc.constantFrom(...KNOWN_IDS, '0.5', '1', '3.5', '5'),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '5.5',
    '4.25',
    '1e3',
    '0x10',
    'NaN',
    'Infinity',
    '2147483648',
    '99999999999999999999',
    '1; DROP TABLE ratings',
    "1' OR '1'='1",
    '\u0000',
    '4\u0000',
    '٣',
  ),
  fc.integer({ min: -10, max: 10_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
const fieldName = fc.oneof(
  fc.constantFrom('movieId', 'rating', '$ACTION_ID_x', '__proto__', 'constructor'),
  fc.string({ maxLength: 10 }),
);
const formEntries = fc.array(
  fc.tuple(
    fieldName,
    fc.oneof({ weight: 9, arbitrary: fieldValue }, { weight: 1, arbitrary: fc.constant(null) }),
  ),
  {
    maxLength: 5,
  },
);

function toFormData(entries: [string, string | null][]): FormData {
  const data = new FormData();
  // null stands for a file upload where a text field is expected.
  for (const [name, value] of entries) {
    if (value === null) data.append(name, new Blob(['<b>not text</b>']), 'x.txt');
    else data.append(name, value);
  }
  return data;
}

const ACTIONS = { rateMovie, removeRating, hideMovie, unhideMovie } as const;

describeEachDatabase(
  'server actions under random input',
  (current) => {
    async function counts(): Promise<string> {
      const result = await sql<{ users: number; ratings: number; hidden: number }>`
        SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM ratings) AS ratings,
               (SELECT count(*) FROM movie_marks) AS hidden`.execute(current().db);
      const row = result.rows[0]!;
      return `${Number(row.users)}/${Number(row.ratings)}/${Number(row.hidden)}`;
    }

    beforeEach(() => {
      jest.mocked(getDatabase).mockResolvedValue(current().connection);
      jest.spyOn(console, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => jest.restoreAllMocks());

    it.each(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[])(
      '%s: never throws; refused input writes nothing',
      async (name) => {
        const action = ACTIONS[name];
        await fc.assert(
          fc.asyncProperty(formEntries, async (entries) => {
            cookieJar.clear();
            const before = await counts();
            const formData = toFormData(entries);
            let state: ActionState;
            try {
              state = await action(idleState, formData);
            } catch (error) {
              throw new Error(`${name} threw for ${JSON.stringify(entries)}: ${String(error)}`);
            }
            expect(['saved', 'error']).toContain(state.status);
            expect(typeof state.message).toBe('string');
            if (state.status === 'error') {
              expect(state.message).toMatch(/^Not saved/);
              expect(await counts()).toBe(before);
              expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
            }
            if (name === 'rateMovie') await checkRating(formData, state);
          }),
          { numRuns: 60 },
        );
      },
    );

    /** A rating is saved exactly when the input is valid for a movie that exists, with the value given. */
    async function checkRating(formData: FormData, state: ActionState): Promise<void> {
      const parsed = RateMovieInput.safeParse(Object.fromEntries(formData));
      const valid = parsed.success && KNOWN_IDS.includes(String(parsed.data.movieId));
      expect(state.status).toBe(valid ? 'saved' : 'error');
      if (!valid) {
        expect(Object.keys(state.fieldErrors ?? {}).length).toBeGreaterThan(0);
        return;
      }
      const userId = await getVisitorId();
      expect(userId).not.toBeNull();
      expect(
        (await listUserRatings(current().db, userId!)).find((rated) => rated.movieId === parsed.data.movieId)
          ?.rating,
      ).toBe(parsed.data.rating);
    }

    it('saves valid ratings and refuses everything else (generated near the boundary)', async () => {
      const rating = fc.oneof(
        fc.integer({ min: -2, max: 12 }).map((half) => half / 2),
        fc.double({ min: -1, max: 6, noNaN: true }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...KNOWN_IDS, '424242', '0'), rating, async (movieId, value) => {
          cookieJar.clear();
          const before = await counts();
          const formData = toFormData([
            ['movieId', movieId],
            ['rating', String(value)],
          ]);
          const state = await rateMovie(idleState, formData);
          const valid =
            KNOWN_IDS.includes(movieId) && value >= 0.5 && value <= 5 && Number.isInteger(value * 2);
          expect(state.status).toBe(valid ? 'saved' : 'error');
          if (!valid) expect(await counts()).toBe(before);
          else await checkRating(formData, state);
        }),
        { numRuns: 60 },
      );
    });
  },
  async ({ db }) => seedTestMovies(db),
);
