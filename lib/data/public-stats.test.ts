import { describeEachDatabase } from '@/db/test-db';
import { findMovie, listPopularMovies } from './movies';
import { upsertRating } from './ratings';
import { seedTestMovies } from './test-movies';
import { createVisitor } from './visitors';

/**
 * The issue 13 spam (item 4): many anonymous profiles rate one movie that no MovieLens user rated (Under_score
 * Story, id 8) at 5 stars. Public counts, averages and the "most rated" list stay MovieLens-only
 * (lib/data/movie-stats.ts fromMovieLens), so the movie does not jump to the top.
 */
describeEachDatabase(
  'public statistics under visitor spam',
  (current) => {
    beforeAll(async () => {
      const { db } = current();
      for (let i = 0; i < 30; i++) {
        const visitor = await createVisitor(db);
        await upsertRating(db, { userId: visitor.id, movieId: 8, rating: 5 });
        await upsertRating(db, { userId: visitor.id, movieId: 1, rating: 0.5 });
      }
    });

    it('keeps the most-rated list in MovieLens order', async () => {
      const ids = (await listPopularMovies(current().db, { limit: 3 })).map((movie) => movie.id);
      expect(ids).toEqual([1, 2571, 2]); // the order TEST_RATINGS plants (lib/data/test-movies.ts)
    });

    it('shows MovieLens counts and means only', async () => {
      expect(await findMovie(current().db, 8)).toMatchObject({ ratingCount: 0, meanRating: null });
      expect(await findMovie(current().db, 1)).toMatchObject({ ratingCount: 4, meanRating: 4.125 }); // (4+5+3.5+4)/4
    });
  },
  async (database) => {
    await seedTestMovies(database.db);
  },
);
