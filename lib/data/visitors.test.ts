import { describeEachDatabase } from '@/db/test-db';
import { seedTestMovies } from './test-movies';
import { createVisitorForClaim, deleteExpiredVisitors, findVisitor, recordTokenIssued } from './visitors';

const MINUTE = 60_000;

describeEachDatabase('createVisitorForClaim', (current) => {
  it('gives concurrent first writes of one browser (one claim) one profile', async () => {
    const { db } = current();
    const claim = 'claim-concurrent-00000a';
    const visitors = await Promise.all(Array.from({ length: 5 }, () => createVisitorForClaim(db, claim, 10 * MINUTE)));
    expect(new Set(visitors.map((visitor) => visitor.id)).size).toBe(1);
    expect(await findVisitor(db, visitors[0]!.id)).toEqual(visitors[0]);
  });

  it('gives different claims different profiles', async () => {
    const { db } = current();
    const a = await createVisitorForClaim(db, 'claim-a-000000000000000', 10 * MINUTE);
    const b = await createVisitorForClaim(db, 'claim-b-000000000000000', 10 * MINUTE);
    expect(a.id).not.toBe(b.id);
  });

  it('does not hand out the profile of a claim older than maxAgeMs', async () => {
    const { db } = current();
    const first = await createVisitorForClaim(db, 'claim-old-0000000000000', 10 * MINUTE);
    const later = await createVisitorForClaim(db, 'claim-old-0000000000000', 0);
    expect(later.id).not.toBe(first.id);
  });
});

const DAY = 24 * 60 * MINUTE;

describeEachDatabase(
  'deleteExpiredVisitors',
  (current) => {
    it('deletes empty profiles after a day and abandoned ones after the token lifetime, nothing else', async () => {
      const { db } = current();
      const now = new Date();
      const ago = (days: number) => new Date(now.getTime() - days * DAY);
      const make = async (createdDaysAgo: number) =>
        (await db.insertInto('users').values({ kind: 'visitor', created_at: ago(createdDaysAgo) }).returning('id').executeTakeFirstOrThrow()).id;
      const freshEmpty = await make(0.5);
      const oldEmpty = await make(2);
      const active = await make(400);
      const abandoned = await make(400);
      const hiddenOnly = await make(400);
      // Since issue times are kept: the newest cookie decides, not the dates on the ratings.
      const importedOldDates = await make(400);
      const tokenExpired = await make(400);
      await recordTokenIssued(db, importedOldDates, ago(1));
      await recordTokenIssued(db, tokenExpired, ago(181));
      // Two rotations racing: the older issue time arriving last does not win.
      const raced = await make(400);
      await recordTokenIssued(db, raced, ago(1));
      await recordTokenIssued(db, raced, ago(200));
      await db
        .insertInto('ratings')
        .values([
          { user_id: active, movie_id: 1, rating: 4, rated_at: ago(10) },
          { user_id: abandoned, movie_id: 1, rating: 4, rated_at: ago(200) },
          { user_id: importedOldDates, movie_id: 1, rating: 4, rated_at: ago(3000) },
          { user_id: tokenExpired, movie_id: 1, rating: 4, rated_at: ago(10) },
          { user_id: raced, movie_id: 1, rating: 4, rated_at: ago(3000) },
        ])
        .execute();
      await db.insertInto('movie_marks').values({ user_id: hiddenOnly, movie_id: 1, mark: 'watchlist', marked_at: ago(3) }).execute();
      const movielensBefore = await db.selectFrom('users').select(db.fn.countAll().as('n')).where('kind', '=', 'movielens').executeTakeFirstOrThrow();

      expect(await deleteExpiredVisitors(db, { emptyAfterMs: DAY, inactiveAfterMs: 180 * DAY, now })).toBe(3);
      for (const [id, kept] of [
        [freshEmpty, true],
        [oldEmpty, false],
        [active, true],
        [abandoned, false],
        [hiddenOnly, true],
        [importedOldDates, true],
        [tokenExpired, false],
        [raced, true],
      ] as const) {
        expect([id, (await findVisitor(db, id)) !== null]).toEqual([id, kept]);
      }
      const movielensAfter = await db.selectFrom('users').select(db.fn.countAll().as('n')).where('kind', '=', 'movielens').executeTakeFirstOrThrow();
      expect(Number(movielensAfter.n)).toBe(Number(movielensBefore.n));
    });
  },
  async (database) => {
    await seedTestMovies(database.db);
  },
);
