import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { getDatabaseCounts } from '@/lib/data/stats';
import { seedTestMovies } from '@/lib/data/test-movies';
import { rateMovie } from './ratings';
import { idleState } from './state';
import { TOO_MANY } from './write-limits';
import { cookieJar, requestHeaders } from '@/lib/testing/next-headers';

process.env.SESSION_SECRET = 'limits-test-secret-'.padEnd(64, 'x');
process.env.RATE_LIMIT_WRITES_PER_MINUTE = '10';
process.env.RATE_LIMIT_PROFILES_PER_HOUR = '3';

// Each test is its own client (X-Forwarded-For as Next.js fills it from the socket), with its own cookie jar.
// The browser's cookie jar and the request's headers, as next/headers shows them to server code.
jest.mock('next/headers', () => jest.requireActual('@/lib/testing/next-headers'));
jest.mock('next/cache', () => ({ revalidatePath: jest.fn() }));
jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describeEachDatabase(
  'write limits per client',
  (current, dialect) => {
    beforeEach(() => {
      cookieJar.clear();
      jest.mocked(getDatabase).mockResolvedValue(current().connection);
    });

    it('caps new anonymous profiles per client (cookie-less flood)', async () => {
      requestHeaders.set('x-forwarded-for', `198.51.100.1-${dialect}`);
      const before = await getDatabaseCounts(current().db);
      const states = [];
      for (let i = 0; i < 8; i++) {
        cookieJar.clear(); // no cookie: every call would create a profile
        states.push(await rateMovie(idleState, form({ movieId: '1', rating: '5' })));
      }
      expect(states.filter((state) => state.status === 'saved')).toHaveLength(3);
      expect(states.slice(3).every((state) => state.message === TOO_MANY)).toBe(true);
      const after = await getDatabaseCounts(current().db);
      expect(after.visitors - before.visitors).toBe(3);
      expect(after.ratings - before.ratings).toBe(3);
    });

    it('caps writes per client, and another client is not affected', async () => {
      requestHeaders.set('x-forwarded-for', `198.51.100.2-${dialect}`);
      const statuses = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await rateMovie(idleState, form({ movieId: '1', rating: '4' }))).status);
      expect(statuses.filter((status) => status === 'saved')).toHaveLength(10);
      requestHeaders.set('x-forwarded-for', `198.51.100.3-${dialect}`);
      cookieJar.clear();
      expect((await rateMovie(idleState, form({ movieId: '1', rating: '4' }))).status).toBe('saved');
    });
  },
  async (database) => {
    await seedTestMovies(database.db);
  },
);
