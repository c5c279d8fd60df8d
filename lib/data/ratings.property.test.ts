import fc from 'fast-check';
import { sql } from 'kysely';
import { describeEachDatabase } from '@/db/test-db';
import { listUserRatings, upsertRating } from './ratings';
import { seedTestMovies, TEST_MOVIES } from './test-movies';
import { createVisitor } from './visitors';

/**
 * Concurrency: 20 visitors submitting 200 ratings at once, several of them for the same movie in a race. "Last"
 * means the latest rating time (rated_at; by default the database clock when the save runs): the stored rating of
 * each visitor and movie is the one with the latest time, whatever order the saves reach the database in, with
 * exactly one row per visitor and movie: none lost, none duplicated. On PostgreSQL the saves run on the pool's
 * connections in parallel; PGlite serialises them on its one connection, interleaved by the event loop.
 */

const VISITORS = 20;
const SAVES = 200;
const MOVIE_IDS = TEST_MOVIES.map((movie) => movie.id);
const HALF_STARS = Array.from({ length: 10 }, (_, i) => (i + 1) / 2);

const save = fc.record({
  visitor: fc.nat(VISITORS - 1),
  // Few movies, so that most visitors rate some movie more than once.
  movieId: fc.constantFrom(...MOVIE_IDS.slice(0, 4)),
  rating: fc.constantFrom(...HALF_STARS),
});

function key(userId: number, movieId: number): string {
  return `${userId}:${movieId}`;
}

describeEachDatabase(
  'ratings saved concurrently',
  (current) => {
    async function createVisitors(): Promise<number[]> {
      return Promise.all(Array.from({ length: VISITORS }, async () => (await createVisitor(current().db)).id));
    }

    async function storedRatings(userIds: number[]): Promise<Map<string, number>> {
      const rows = await current().db.selectFrom('ratings').select(['user_id', 'movie_id', 'rating']).where('user_id', 'in', userIds).execute();
      const stored = new Map<string, number>();
      for (const row of rows) {
        expect(stored.has(key(row.user_id, row.movie_id))).toBe(false); // never two rows for one visitor and movie
        stored.set(key(row.user_id, row.movie_id), Number(row.rating));
      }
      return stored;
    }

    it('keeps the latest-stamped rating whatever order 200 racing saves run in', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(save, { minLength: SAVES, maxLength: SAVES }), fc.infiniteStream(fc.nat()), async (saves, noise) => {
          const userIds = await createVisitors();
          // Distinct times, one per save, in an order unrelated to the order the saves are started in.
          const base = Date.UTC(2030, 0, 1);
          const stamps = saves.map((_, i) => ({ i, r: noise.next().value as number })).sort((a, b) => a.r - b.r || a.i - b.i);
          const ratedAt = new Map(stamps.map(({ i }, order) => [i, new Date(base + order * 1000)]));
          await Promise.all(
            saves.map((s, i) => upsertRating(current().db, { userId: userIds[s.visitor]!, movieId: s.movieId, rating: s.rating, ratedAt: ratedAt.get(i)! })),
          );
          const expected = new Map<string, { rating: number; at: number }>();
          saves.forEach((s, i) => {
            const k = key(userIds[s.visitor]!, s.movieId);
            const at = ratedAt.get(i)!.getTime();
            if ((expected.get(k)?.at ?? -Infinity) < at) expected.set(k, { rating: s.rating, at });
          });
          const stored = await storedRatings(userIds);
          expect(stored.size).toBe(expected.size);
          for (const [k, { rating }] of expected) expect([k, stored.get(k)]).toEqual([k, rating]);
        }),
        { numRuns: 4, endOnFailure: true }, // shrinking 200 database writes takes minutes: report the first failure
      );
    });

    it('keeps each visitor’s last save when 20 visitors save 10 ratings each at once, by the database clock', async () => {
      const userIds = await createVisitors();
      // Each visitor saves in order (a browser sends one rating after the other); the visitors all run at once,
      // and every visitor rates the first two movies twice with different values.
      const plan = userIds.map((userId, v) =>
        Array.from({ length: SAVES / VISITORS }, (_, j) => ({
          userId,
          movieId: MOVIE_IDS[j % (MOVIE_IDS.length - 2)]!,
          rating: HALF_STARS[(v + j) % HALF_STARS.length]!,
        })),
      );
      await Promise.all(
        plan.map(async (saves) => {
          for (const s of saves) await upsertRating(current().db, s);
        }),
      );
      const stored = await storedRatings(userIds);
      const expected = new Map(plan.flat().map((s) => [key(s.userId, s.movieId), s.rating]));
      expect(stored).toEqual(expected);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM ratings WHERE user_id IN (${sql.join(userIds)})`.execute(current().db);
      expect(Number(count.rows[0]?.n)).toBe(expected.size);
    });

    it('ends a race between two saves of one movie with one row holding one of them', async () => {
      const [userId] = await createVisitors();
      for (let round = 0; round < 10; round++) {
        await Promise.all([
          upsertRating(current().db, { userId: userId!, movieId: 1, rating: 2 }),
          upsertRating(current().db, { userId: userId!, movieId: 1, rating: 4 }),
        ]);
        const ratings = await listUserRatings(current().db, userId!);
        expect(ratings).toHaveLength(1);
        expect([2, 4]).toContain(ratings[0]?.rating);
      }
    });

    it('never lets an older rating replace a newer one', async () => {
      const [userId] = await createVisitors();
      await upsertRating(current().db, { userId: userId!, movieId: 2, rating: 5, ratedAt: new Date('2001-01-02T00:00:00Z') });
      await upsertRating(current().db, { userId: userId!, movieId: 2, rating: 1, ratedAt: new Date('2001-01-01T00:00:00Z') });
      expect(await listUserRatings(current().db, userId!)).toMatchObject([{ movieId: 2, rating: 5 }]);
      await upsertRating(current().db, { userId: userId!, movieId: 2, rating: 3 }); // now: a later time, replaces it
      expect(await listUserRatings(current().db, userId!)).toMatchObject([{ movieId: 2, rating: 3 }]);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
