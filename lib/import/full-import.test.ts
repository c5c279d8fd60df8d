import path from 'node:path';
import { describeEachDatabase } from '@/db/test-db';
import { getDatabaseCounts } from '@/lib/data/stats';
import { importMovieLens } from '.';

// The bundled ml-latest-small, as its README.txt states: 100,836 ratings and 3,683 tags over 9,742 movies, by 610
// users; links.csv has a row per movie.
const BUNDLED_COUNTS = { movies: 9742, links: 9742, ratings: 100836, tags: 3683, users: 610 };

describeEachDatabase('importMovieLens: the full bundled ml-latest-small', (current) => {
  it('imports every row', async () => {
    const result = await importMovieLens(current().connection, {
      dir: path.join(process.cwd(), 'data/ml-latest-small'),
    });
    expect(result).toMatchObject({ action: 'imported', counts: BUNDLED_COUNTS });
    await expect(getDatabaseCounts(current().db)).resolves.toEqual({ ...BUNDLED_COUNTS, visitors: 0 });
    const { db } = current();
    const withoutYear = await db
      .selectFrom('movies')
      .select('title')
      .where('year', 'is', null)
      .orderBy('id')
      .execute();
    // The 12 titles of ml-latest-small without a "(year)" (grep of movies.csv), e.g. "Babylon 5".
    expect(withoutYear).toHaveLength(12);
    expect(withoutYear[0]?.title).toBe('Babylon 5');
  });
});
