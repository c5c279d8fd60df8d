import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { getDatabaseCounts } from '@/lib/data/stats';
import { seedTestMovies } from '@/lib/data/test-movies';
import { rateMovie } from './ratings';
import { idleState } from './state';
import { TOO_MANY } from './write-limits';

process.env.SESSION_SECRET = 'limits-test-secret-'.padEnd(64, 'x');
process.env.RATE_LIMIT_WRITES_PER_MINUTE = '10';
process.env.RATE_LIMIT_PROFILES_PER_HOUR = '3';

// Each test is its own client (X-Forwarded-For as Next.js fills it from the socket), with its own cookie jar.
let mockClient = '';
const mockJar = new Map<string, string>();
jest.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (mockJar.has(name) ? { name, value: mockJar.get(name) } : undefined),
    set: (name: string, value: string) => mockJar.set(name, value),
    delete: (name: string) => mockJar.delete(name),
  }),
  headers: async () => new Headers({ 'x-forwarded-for': mockClient }),
}));
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
      mockJar.clear();
      jest.mocked(getDatabase).mockResolvedValue(current().connection);
    });

    it('caps new anonymous profiles per client (cookie-less flood)', async () => {
      mockClient = `198.51.100.1-${dialect}`;
      const before = await getDatabaseCounts(current().db);
      const states = [];
      for (let i = 0; i < 8; i++) {
        mockJar.clear(); // no cookie: every call would create a profile
        states.push(await rateMovie(idleState, form({ movieId: '1', rating: '5' })));
      }
      expect(states.filter((state) => state.status === 'saved')).toHaveLength(3);
      expect(states.slice(3).every((state) => state.message === TOO_MANY)).toBe(true);
      const after = await getDatabaseCounts(current().db);
      expect(after.visitors - before.visitors).toBe(3);
      expect(after.ratings - before.ratings).toBe(3);
    });

    it('caps writes per client, and another client is not affected', async () => {
      mockClient = `198.51.100.2-${dialect}`;
      const statuses = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await rateMovie(idleState, form({ movieId: '1', rating: '4' }))).status);
      expect(statuses.filter((status) => status === 'saved')).toHaveLength(10);
      mockClient = `198.51.100.3-${dialect}`;
      mockJar.clear();
      expect((await rateMovie(idleState, form({ movieId: '1', rating: '4' }))).status).toBe('saved');
    });
  },
  async (database) => {
    await seedTestMovies(database.db);
  },
);
