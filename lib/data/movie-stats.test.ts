import { describeEachDatabase } from '@/db/test-db';
import { getPopularityIndex, getTitleIndex } from './movie-stats';

describeEachDatabase('movie-stats caches', (current) => {
  it('does not keep an empty catalogue (seen before the first import commits): the next call loads again', async () => {
    const { db } = current();
    await expect(getTitleIndex(db)).resolves.toEqual([]);
    await expect(getPopularityIndex(db)).resolves.toMatchObject({ ranked: [] });
    await db.insertInto('movies').values({ id: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Animation'] }).execute();
    await db.insertInto('users').values({ id: 1, kind: 'movielens' }).execute();
    await db.insertInto('ratings').values({ user_id: 1, movie_id: 1, rating: 4 }).execute();
    await new Promise((resolve) => setImmediate(resolve)); // let the empty entries be dropped
    expect((await getTitleIndex(db)).map((entry) => entry.id)).toEqual([1]);
    expect((await getPopularityIndex(db)).ranked).toEqual([1]);
  });
});
