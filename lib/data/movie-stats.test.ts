import { describeEachDatabase } from '@/db/test-db';
import { getPopularityIndex, getPublicStats, getRatingHistogram, getTitleIndex } from './movie-stats';
import { findMovie, listMoviesByIds } from './movies';

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

describeEachDatabase('public statistics per data version', (current) => {
  const recordImport = (dataVersion: string) =>
    current()
      .db.insertInto('dataset_imports')
      .values({ source: 'test', data_version: dataVersion, movies: 1, links: 0, ratings: 1, tags: 0, users: 1 })
      .execute();

  it('counts in SQL until an import is recorded, then serves one version from memory until the next import', async () => {
    const { db } = current();
    await db.insertInto('movies').values({ id: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Animation'] }).execute();
    await db.insertInto('users').values([{ id: 1, kind: 'movielens' }, { id: 2, kind: 'movielens' }]).execute();
    await db.insertInto('ratings').values({ user_id: 1, movie_id: 1, rating: 4 }).execute();
    await expect(getPublicStats(db)).resolves.toBeNull();
    expect(await findMovie(db, 1)).toMatchObject({ ratingCount: 1, meanRating: 4 });

    await recordImport('v1');
    const first = await getPublicStats(db);
    expect(first).toMatchObject({ dataVersion: 'v1' });
    expect(first?.counts.get(1)).toBe(1);
    expect(await getPublicStats(db)).toBe(first); // computed once per version
    expect(await findMovie(db, 1)).toMatchObject({ ratingCount: 1, meanRating: 4 });

    // Another copy of this module (Next.js bundles instrumentation.ts, which warms the statistics, apart from the
    // pages) serves the same statistics, not a second aggregate.
    let otherCopy: typeof import('./movie-stats') | undefined;
    jest.isolateModules(() => {
      otherCopy = jest.requireActual<typeof import('./movie-stats')>('./movie-stats');
    });
    expect(otherCopy?.getPublicStats).not.toBe(getPublicStats);
    expect(await otherCopy?.getPublicStats(db)).toBe(first);

    // MovieLens ratings change only with an import, which records a new version.
    await db.insertInto('ratings').values({ user_id: 2, movie_id: 1, rating: 5 }).execute();
    await recordImport('v2');
    expect(await findMovie(db, 1)).toMatchObject({ ratingCount: 2, meanRating: 4.5 });
    expect((await listMoviesByIds(db, [1]))[0]).toMatchObject({ ratingCount: 2, meanRating: 4.5 });
  });
});

describeEachDatabase('rating histograms', (current) => {
  it('count MovieLens ratings at each half-star value, in SQL before an import is recorded and from memory after', async () => {
    const { db } = current();
    await db.insertInto('movies').values([1, 2].map((id) => ({ id, title: `Movie ${id} (2000)`, year: 2000, genres: [] }))).execute();
    await db.insertInto('users').values([{ id: 1, kind: 'movielens' }, { id: 2, kind: 'movielens' }, { id: 3, kind: 'movielens' }, { id: 4, kind: 'visitor' }]).execute();
    await db
      .insertInto('ratings')
      .values([
        { user_id: 1, movie_id: 1, rating: 0.5 },
        { user_id: 2, movie_id: 1, rating: 4.5 },
        { user_id: 3, movie_id: 1, rating: 4.5 },
        { user_id: 4, movie_id: 1, rating: 5 }, // a visitor's: not a public statistic
        { user_id: 1, movie_id: 2, rating: 5 },
      ])
      .execute();
    const expected = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5].map((rating) => ({
      rating,
      count: rating === 0.5 ? 1 : rating === 4.5 ? 2 : 0,
    }));
    const empty = expected.map((bin) => ({ ...bin, count: 0 }));
    expect(await getRatingHistogram(db, 1)).toEqual(expected);
    expect(await getRatingHistogram(db, 99)).toEqual(empty);
    await db.insertInto('dataset_imports').values({ source: 'test', data_version: 'h1', movies: 2, links: 0, ratings: 4, tags: 0, users: 3 }).execute();
    expect(await getRatingHistogram(db, 1)).toEqual(expected);
    expect(await getRatingHistogram(db, 99)).toEqual(empty);
    const stats = await getPublicStats(db);
    expect(stats?.histograms.has(1)).toBe(true);
    expect(stats?.counts.get(1)).toBe(3);
    expect(stats?.means.get(1)).toBeCloseTo(9.5 / 3, 12);
    expect(stats?.means.get(2)).toBe(5);
    expect(await findMovie(db, 1)).toMatchObject({ ratingCount: 3 });
  });
});

describeEachDatabase('list caches follow the data version', (current) => {
  it('after DATA_CHECK_SECONDS reloads the title index only if an import changed the data version', async () => {
    const { db } = current();
    const recordImport = (dataVersion: string) =>
      db
        .insertInto('dataset_imports')
        .values({ source: 'test', data_version: dataVersion, movies: 1, links: 0, ratings: 0, tags: 0, users: 0 })
        .execute();
    const ids = async () => (await getTitleIndex(db)).map((entry) => entry.id);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    const realNow = Date.now();
    let later = 0;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow + later);
    try {
      await recordImport('v1');
      await db.insertInto('movies').values({ id: 1, title: 'Toy Story (1995)', year: 1995, genres: [] }).execute();
      expect(await ids()).toEqual([1]);
      // A movie written without an import (no new data version): not reloaded, however stale.
      await db.insertInto('movies').values({ id: 2, title: 'Jumanji (1995)', year: 1995, genres: [] }).execute();
      later += 61_000;
      expect(await ids()).toEqual([1]);
      await settle();
      expect(await ids()).toEqual([1]);
      // An import: the next check after DATA_CHECK_SECONDS reloads, in the background.
      await recordImport('v2');
      later += 61_000;
      expect(await ids()).toEqual([1]);
      await settle();
      expect(await ids()).toEqual([1, 2]);
    } finally {
      clock.mockRestore();
    }
  });
});
