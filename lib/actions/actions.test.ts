import { revalidatePath } from 'next/cache';
import { getDatabase } from '@/db/client';
import { describeEachDatabase } from '@/db/test-db';
import { listMarkedMovieIds } from '@/lib/data/movie-marks';
import { listUserRatings, upsertRating } from '@/lib/data/ratings';
import { seedTestMovies } from '@/lib/data/test-movies';
import { createVisitor, findVisitor } from '@/lib/data/visitors';
import { getVisitorId, signVisitorToken, VISITOR_COOKIE } from '@/lib/session';
import { hideMovie, unhideMovie } from './hidden';
import { startOver } from './profile';
import { rateMovie, removeRating } from './ratings';
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
  'visitor actions',
  (current) => {
    beforeEach(() => {
      cookieJar.clear();
      jest.mocked(revalidatePath).mockClear();
      getDatabaseMock.mockResolvedValue(current().connection);
    });

    it('creates a profile on the first rating, with a signed httpOnly SameSite=Lax cookie', async () => {
      expect(await getVisitorId()).toBeNull();
      const state = await rateMovie(idleState, form({ movieId: '1', rating: '4.5' }));
      expect(state).toMatchObject({ status: 'saved', rating: 4.5 });
      const cookie = cookieJar.get(VISITOR_COOKIE);
      expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
      const userId = await getVisitorId();
      expect(userId).toBeGreaterThanOrEqual(1_000_000);
      expect(await listUserRatings(current().db, userId!)).toMatchObject([{ movieId: 1, rating: 4.5 }]);
      expect(revalidatePath).toHaveBeenCalledWith('/recommendations');
      expect(revalidatePath).toHaveBeenCalledWith('/movies/1');
    });

    it('keeps one profile across ratings and replaces a rating', async () => {
      await rateMovie(idleState, form({ movieId: '1', rating: '2' }));
      const userId = await getVisitorId();
      await rateMovie(idleState, form({ movieId: '2571', rating: '5' }));
      await rateMovie(idleState, form({ movieId: '1', rating: '3' }));
      expect(await getVisitorId()).toBe(userId);
      const ratings = await listUserRatings(current().db, userId!);
      expect(ratings.map((r) => [r.movieId, r.rating])).toEqual([
        [1, 3],
        [2571, 5],
      ]);
    });

    it.each([
      [{ movieId: '1', rating: '4.25' }, 'rating'],
      [{ movieId: '1', rating: '0' }, 'rating'],
      [{ movieId: '1', rating: '5.5' }, 'rating'],
      [{ movieId: '1', rating: 'lots' }, 'rating'],
      [{ movieId: '1' }, 'rating'],
      [{ movieId: '-3', rating: '4' }, 'movieId'],
      [{ movieId: '1.5', rating: '4' }, 'movieId'],
      [{ movieId: 'abc', rating: '4' }, 'movieId'],
      [{ movieId: '424242', rating: '4' }, 'movieId'],
    ])('refuses %j with an error on %s and writes nothing', async (fields, field) => {
      const state = await rateMovie(idleState, form(fields));
      expect(state.status).toBe('error');
      expect(state.message).toMatch(/^Not saved/);
      expect(state.fieldErrors?.[field]?.length).toBeGreaterThan(0);
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
    });

    it('says "not saved" when the database fails', async () => {
      getDatabaseMock.mockRejectedValue(new Error('connection refused'));
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const state = await rateMovie(idleState, form({ movieId: '1', rating: '4' }));
      spy.mockRestore();
      expect(state).toEqual({ status: 'error', message: expect.stringMatching(/^Not saved/) });
      expect(revalidatePath).not.toHaveBeenCalled();
    });

    it('treats a forged cookie as no profile and never touches the profile it names', async () => {
      const { db } = current();
      const victim = await createVisitor(db);
      await upsertRating(db, { userId: victim.id, movieId: 2, rating: 1 });
      cookieJar.set(VISITOR_COOKIE, {
        value: signVisitorToken(victim, 'not-the-server-secret'.padEnd(64, '!')),
      });
      expect(await getVisitorId()).toBeNull();
      await rateMovie(idleState, form({ movieId: '2', rating: '5' }));
      const fresh = await getVisitorId();
      expect(fresh).not.toBe(victim.id);
      expect(await listUserRatings(db, victim.id)).toMatchObject([{ movieId: 2, rating: 1 }]);
      await removeRating(idleState, form({ movieId: '2' }));
      expect(await listUserRatings(db, victim.id)).toHaveLength(1);
    });

    it('treats a cookie for a profile that is gone (database reset) as none', async () => {
      await rateMovie(idleState, form({ movieId: '1', rating: '4' }));
      const userId = (await getVisitorId())!;
      await current().db.deleteFrom('users').where('id', '=', userId).execute();
      expect(await getVisitorId()).toBeNull();
      await rateMovie(idleState, form({ movieId: '1', rating: '4' }));
      expect(await getVisitorId()).not.toBe(userId);
    });

    it('removes a rating; removing without a profile creates none', async () => {
      expect(await removeRating(idleState, form({ movieId: '1' }))).toMatchObject({
        status: 'saved',
        rating: null,
      });
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
      await rateMovie(idleState, form({ movieId: '1', rating: '4' }));
      await removeRating(idleState, form({ movieId: '1' }));
      expect(await listUserRatings(current().db, (await getVisitorId())!)).toEqual([]);
    });

    it('hides and unhides a movie', async () => {
      expect(await hideMovie(idleState, form({ movieId: '2' }))).toMatchObject({ status: 'saved' });
      const userId = (await getVisitorId())!;
      expect(await listMarkedMovieIds(current().db, userId, 'hidden')).toEqual([2]);
      expect((await hideMovie(idleState, form({ movieId: '424242' }))).fieldErrors?.movieId).toBeDefined();
      await unhideMovie(idleState, form({ movieId: '2' }));
      expect(await listMarkedMovieIds(current().db, userId, 'hidden')).toEqual([]);
    });

    it('starts over: deletes the profile, its ratings and hidden list, and forgets the cookie', async () => {
      await rateMovie(idleState, form({ movieId: '1', rating: '4' }));
      await hideMovie(idleState, form({ movieId: '2' }));
      const userId = (await getVisitorId())!;
      expect(await startOver(idleState, new FormData())).toMatchObject({ status: 'saved' });
      expect(cookieJar.has(VISITOR_COOKIE)).toBe(false);
      expect(await findVisitor(current().db, userId)).toBeNull();
      expect(await listUserRatings(current().db, userId)).toEqual([]);
      expect(await listMarkedMovieIds(current().db, userId, 'hidden')).toEqual([]);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
