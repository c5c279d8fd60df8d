import { describeEachDatabase } from '@/db/test-db';
import { importMovieLens } from '@/lib/import';
import { TINY_COUNTS, TINY_DIR } from '@/lib/movielens/test-fixtures';
import { getDatabaseCounts } from './stats';

describeEachDatabase('getDatabaseCounts', (current) => {
  it('counts nothing in an empty database (numbers, not strings, on both drivers)', async () => {
    await expect(getDatabaseCounts(current().db)).resolves.toStrictEqual({
      movies: 0, links: 0, ratings: 0, tags: 0, users: 0, visitors: 0,
    });
  });

  it('counts MovieLens users and visitors apart', async () => {
    const { db, connection } = current();
    await importMovieLens(connection, { dir: TINY_DIR });
    const visitor = await db.insertInto('users').values({ kind: 'visitor' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('ratings').values({ user_id: visitor.id, movie_id: 1, rating: 3.5 }).execute();
    await expect(getDatabaseCounts(db)).resolves.toStrictEqual({
      ...TINY_COUNTS,
      ratings: TINY_COUNTS.ratings + 1,
      visitors: 1,
    });
  });
});
