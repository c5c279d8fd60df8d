import { describeEachDatabase } from '@/db/test-db';
import { addMovieMarks, listMarkedMovieIds, listMovieMarks, removeMovieMark } from './movie-marks';
import {
  deleteRating,
  listUserRatings,
  upsertRating,
} from './ratings';
import { seedTestMovies } from './test-movies';
import { createVisitor, deleteVisitor, findVisitor } from './visitors';

describeEachDatabase(
  'ratings, hidden movies and visitors',
  (current) => {
    it('creates visitors above the MovieLens ids and finds only visitors', async () => {
      const { db } = current();
      const visitor = await createVisitor(db);
      expect(visitor.id).toBeGreaterThanOrEqual(1_000_000);
      expect(visitor.createdAt).toBeInstanceOf(Date);
      expect(await findVisitor(db, visitor.id)).toEqual(visitor);
      expect(await findVisitor(db, 1)).toBeNull(); // a MovieLens user, never a visitor profile
    });

    it('inserts, replaces, lists and deletes a rating', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      await upsertRating(db, { userId, movieId: 1, rating: 3.5 });
      await upsertRating(db, { userId, movieId: 2571, rating: 5 });
      await upsertRating(db, { userId, movieId: 1, rating: 4.5 });
      const ratings = await listUserRatings(db, userId);
      expect(ratings.map(({ movieId, rating }) => ({ movieId, rating }))).toEqual([
        { movieId: 1, rating: 4.5 }, // replaced last, so most recent
        { movieId: 2571, rating: 5 },
      ]);
      expect(ratings[0]?.ratedAt).toBeInstanceOf(Date);
      expect(await listUserRatings(db, userId)).toHaveLength(2);
      expect((await listUserRatings(db, userId)).find((rated) => rated.movieId === 1)?.rating).toBe(4.5);
      expect(await deleteRating(db, { userId, movieId: 1 })).toBe(true);
      expect(await deleteRating(db, { userId, movieId: 1 })).toBe(false);
      expect((await listUserRatings(db, userId)).find((rated) => rated.movieId === 1)).toBeUndefined();
      expect(await listUserRatings(db, userId)).toHaveLength(1);
    });

    it('lets the database refuse a rating off the half steps', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      await expect(upsertRating(db, { userId, movieId: 1, rating: 4.25 })).rejects.toThrow(/check constraint/i);
    });

    it('marks and unmarks movies; marking twice keeps the first time; marks are kept apart', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      const first = new Date('2026-01-01T00:00:00Z');
      expect(await addMovieMarks(db, { userId, mark: 'hidden', movieIds: [2, 2], markedAt: first })).toBe(1);
      expect(await addMovieMarks(db, { userId, mark: 'hidden', movieIds: [2, 8] })).toBe(1);
      expect(await addMovieMarks(db, { userId, mark: 'watchlist', movieIds: [2] })).toBe(1);
      expect(await addMovieMarks(db, { userId, mark: 'unseen', movieIds: [] })).toBe(0);
      expect(await listMarkedMovieIds(db, userId, 'hidden')).toEqual([8, 2]); // most recent first
      expect(await listMarkedMovieIds(db, userId, 'watchlist')).toEqual([2]);
      const marks = await listMovieMarks(db, userId);
      expect(marks.find((m) => m.mark === 'hidden' && m.movieId === 2)?.markedAt).toEqual(first);
      expect(await removeMovieMark(db, { userId, movieId: 2, mark: 'hidden' })).toBe(true);
      expect(await removeMovieMark(db, { userId, movieId: 2, mark: 'hidden' })).toBe(false);
      expect(await listMarkedMovieIds(db, userId, 'hidden')).toEqual([8]);
      expect(await listMarkedMovieIds(db, userId, 'watchlist')).toEqual([2]);
    });

    it('rating a movie takes it off the watchlist and "haven\'t seen it", not off "not interested"', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      for (const mark of ['hidden', 'watchlist', 'unseen'] as const)
        await addMovieMarks(db, { userId, mark, movieIds: [1, 2] });
      await upsertRating(db, { userId, movieId: 1, rating: 4 });
      expect((await listMovieMarks(db, userId)).map((m) => `${m.mark} ${m.movieId}`).sort()).toEqual([
        'hidden 1',
        'hidden 2',
        'unseen 2',
        'watchlist 2',
      ]);
    });

    it('deletes a visitor with their ratings and movie marks', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      await upsertRating(db, { userId, movieId: 1, rating: 2 });
      await addMovieMarks(db, { userId, mark: 'watchlist', movieIds: [2] });
      await deleteVisitor(db, userId);
      expect(await findVisitor(db, userId)).toBeNull();
      expect(await listUserRatings(db, userId)).toEqual([]);
      expect(await listMovieMarks(db, userId)).toEqual([]);
      await deleteVisitor(db, 1); // a MovieLens user is never deleted this way
      expect((await listUserRatings(db, 1)).length).toBeGreaterThan(0);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
