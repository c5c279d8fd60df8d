import { describeEachDatabase } from '@/db/test-db';
import { deleteHiddenMovie, insertHiddenMovie, listHiddenMovieIds } from './hidden';
import {
  deleteRating,
  listRatingHistogram,
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

    it('counts a movie’s ratings at each of the ten half-star values', async () => {
      const histogram = await listRatingHistogram(current().db, 2);
      expect(histogram).toHaveLength(10);
      expect(histogram.map((bin) => bin.rating)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
      // Fixture: Jumanji got 3 and 2 (no other test rates it).
      expect(histogram.filter((bin) => bin.count > 0)).toEqual([
        { rating: 2, count: 1 },
        { rating: 3, count: 1 },
      ]);
    });

    it('hides and unhides movies; hiding twice is harmless', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      await insertHiddenMovie(db, { userId, movieId: 2 });
      await insertHiddenMovie(db, { userId, movieId: 2 });
      await insertHiddenMovie(db, { userId, movieId: 8 });
      expect((await listHiddenMovieIds(db, userId)).sort((a, b) => a - b)).toEqual([2, 8]);
      expect(await deleteHiddenMovie(db, { userId, movieId: 2 })).toBe(true);
      expect(await listHiddenMovieIds(db, userId)).toEqual([8]);
    });

    it('deletes a visitor with their ratings and hidden movies', async () => {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      await upsertRating(db, { userId, movieId: 1, rating: 2 });
      await insertHiddenMovie(db, { userId, movieId: 2 });
      await deleteVisitor(db, userId);
      expect(await findVisitor(db, userId)).toBeNull();
      expect(await listUserRatings(db, userId)).toEqual([]);
      expect(await listHiddenMovieIds(db, userId)).toEqual([]);
      await deleteVisitor(db, 1); // a MovieLens user is never deleted this way
      expect((await listUserRatings(db, 1)).length).toBeGreaterThan(0);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
