import { describeEachDatabase } from '@/db/test-db';
import { deleteRating, listUserRatings, upsertRating } from './ratings';
import { createVisitor } from './visitors';

const MOVIES = 600; // above the size from which a profile is held in memory

describeEachDatabase(
  'a large profile held in memory',
  (current) => {
    async function largeVisitor(): Promise<number> {
      const { db } = current();
      const { id } = await createVisitor(db);
      await db
        .insertInto('ratings')
        .values(Array.from({ length: MOVIES }, (_, i) => ({ user_id: id, movie_id: i + 1, rating: (i % 10) / 2 + 0.5 })))
        .execute();
      return id;
    }

    it('serves the same ratings again until one is added, changed or removed', async () => {
      const { db } = current();
      const userId = await largeVisitor();
      const first = await listUserRatings(db, userId);
      expect(first).toHaveLength(MOVIES);
      const second = await listUserRatings(db, userId);
      expect(second).toEqual(first);
      expect(await listUserRatings(db, userId)).toBe(second); // held, not read again

      await upsertRating(db, { userId, movieId: 7, rating: 5 });
      const changed = await listUserRatings(db, userId);
      expect(changed[0]).toMatchObject({ movieId: 7, rating: 5 }); // most recent first
      expect(changed.filter((r) => r.movieId === 7)).toHaveLength(1);

      await deleteRating(db, { userId, movieId: 8 });
      const removed = await listUserRatings(db, userId);
      expect(removed).toHaveLength(MOVIES - 1);
      expect(removed.find((r) => r.movieId === 8)).toBeUndefined();

      await upsertRating(db, { userId, movieId: MOVIES + 1, rating: 3 });
      expect(await listUserRatings(db, userId)).toHaveLength(MOVIES);
    });

    it('sees a rating changed to another value even within the same second', async () => {
      const { db } = current();
      const userId = await largeVisitor();
      await listUserRatings(db, userId);
      await listUserRatings(db, userId);
      // Same count, and a rated_at that does not move the latest: only the sums tell.
      await db.updateTable('ratings').set({ rating: 0.5 }).where('user_id', '=', userId).where('movie_id', '=', 10).execute();
      expect((await listUserRatings(db, userId)).find((r) => r.movieId === 10)?.rating).toBe(0.5);
    });

    it('keeps each visitor’s own ratings apart', async () => {
      const { db } = current();
      const a = await largeVisitor();
      const { id: b } = await createVisitor(db);
      await upsertRating(db, { userId: b, movieId: 1, rating: 4 });
      await listUserRatings(db, a);
      await listUserRatings(db, a);
      expect(await listUserRatings(db, b)).toEqual([expect.objectContaining({ movieId: 1, rating: 4 })]);
    });
  },
  async ({ db }) => {
    await db
      .insertInto('movies')
      .values(Array.from({ length: MOVIES + 1 }, (_, i) => ({ id: i + 1, title: `Movie ${i + 1} (2000)`, year: 2000, genres: ['Drama'] })))
      .execute();
  },
);
