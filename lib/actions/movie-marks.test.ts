import { revalidatePath } from 'next/cache';
import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { seedTestMovies } from '@/lib/data/test-movies';
import { getVisitorId, VISITOR_COOKIE } from '@/lib/session';
import { setWatchlist, skipMovie, unskipMovies } from './movie-marks';
import { rateMovie } from './ratings';
import { idleState } from './state';
import { cookieJar } from '@/lib/testing/next-headers';

process.env.SESSION_SECRET = 'test-secret-'.padEnd(64, 'x');
process.env.RATE_LIMIT_WRITES_PER_MINUTE = '0'; // limits have their own test (write-limits.test.ts)
process.env.RATE_LIMIT_PROFILES_PER_HOUR = '0';

// The browser's cookie jar and the request's headers, as next/headers shows them to server code.
jest.mock('next/headers', () => jest.requireActual('@/lib/testing/next-headers'));
jest.mock('next/cache', () => ({ revalidatePath: jest.fn() }));
// The actions get the app database from getDatabase(): here, the test database of each dialect.
jest.mock('@/db/client', () => ({ ...jest.requireActual('@/db/client'), getDatabase: jest.fn() }));

const getDatabaseMock = getDatabase as jest.MockedFunction<typeof getDatabase>;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describeEachDatabase(
  'watchlist and "haven\'t seen it" actions',
  (current) => {
    beforeEach(() => {
      cookieJar.clear();
      jest.mocked(revalidatePath).mockClear();
      getDatabaseMock.mockResolvedValue(current().connection);
    });

    const marked = async (mark: 'watchlist' | 'unseen') =>
      listMarkedMovieIds(current().db, (await getVisitorId())!, mark);

    it('adds to and takes off the watchlist, creating the profile on the first mark, and revalidates /watchlist', async () => {
      expect(await setWatchlist(idleState, form({ movieId: '2', want: 'on' }))).toEqual({
        status: 'saved',
        message: 'Added to your watchlist.',
      });
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(true);
      await setWatchlist(idleState, form({ movieId: '2571', want: 'on' }));
      await setWatchlist(idleState, form({ movieId: '2', want: 'on' })); // twice: still once on the list
      expect((await marked('watchlist')).sort()).toEqual([2, 2571]);
      expect(revalidatePath).toHaveBeenCalledWith('/watchlist');
      expect(revalidatePath).toHaveBeenCalledWith('/movies/2');
      expect(await setWatchlist(idleState, form({ movieId: '2', want: 'off' }))).toMatchObject({
        status: 'saved',
      });
      expect(await marked('watchlist')).toEqual([2571]);
    });

    it('rating a watchlisted movie takes it off the watchlist', async () => {
      await setWatchlist(idleState, form({ movieId: '1', want: 'on' }));
      await rateMovie(idleState, form({ movieId: '1', rating: '4' }));
      expect(await marked('watchlist')).toEqual([]);
    });

    it.each([
      [{ movieId: '2', want: 'maybe' }, 'want'],
      [{ movieId: '2' }, 'want'],
      [{ movieId: 'x', want: 'on' }, 'movieId'],
      [{ movieId: '424242', want: 'on' }, 'movieId'],
    ])('refuses %j with an error on %s and writes nothing', async (fields, field) => {
      const state = await setWatchlist(idleState, form(fields));
      expect(state.status).toBe('error');
      expect(state.fieldErrors?.[field]?.length).toBeGreaterThan(0);
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
    });

    it('taking a movie off without a profile creates none', async () => {
      expect(await setWatchlist(idleState, form({ movieId: '2', want: 'off' }))).toMatchObject({
        status: 'saved',
      });
      expect(await unskipMovies(idleState, new FormData())).toMatchObject({ status: 'saved' });
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
    });

    it('skips movies, undoes one skip, then every skip; rating a skipped movie unskips it', async () => {
      expect(await skipMovie(idleState, form({ movieId: '2' }))).toMatchObject({ status: 'saved' });
      await skipMovie(idleState, form({ movieId: '2571' }));
      await skipMovie(idleState, form({ movieId: '4973' }));
      expect((await marked('unseen')).sort()).toEqual([2, 2571, 4973]);
      await unskipMovies(idleState, form({ movieId: '2571' }));
      expect((await marked('unseen')).sort()).toEqual([2, 4973]);
      await rateMovie(idleState, form({ movieId: '4973', rating: '3' }));
      expect(await marked('unseen')).toEqual([2]);
      await skipMovie(idleState, form({ movieId: '1' }));
      expect(await unskipMovies(idleState, new FormData())).toMatchObject({ status: 'saved' });
      expect(await marked('unseen')).toEqual([]);
    });

    it('refuses to skip an unknown movie', async () => {
      expect((await skipMovie(idleState, form({ movieId: '424242' }))).fieldErrors?.movieId).toBeDefined();
      expect((await unskipMovies(idleState, form({ movieId: '-1' }))).fieldErrors?.movieId).toBeDefined();
    });

    it('says "not saved" when the database fails', async () => {
      getDatabaseMock.mockRejectedValue(new Error('connection refused'));
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const state = await setWatchlist(idleState, form({ movieId: '1', want: 'on' }));
      spy.mockRestore();
      expect(state).toEqual({ status: 'error', message: expect.stringMatching(/^Not saved/) });
      expect(revalidatePath).not.toHaveBeenCalled();
    });
  },
  async ({ db }) => seedTestMovies(db),
);
