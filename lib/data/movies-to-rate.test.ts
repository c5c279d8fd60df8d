import { describeEachDatabase } from '@/db/test-db';
import { decadeOf, listDecades, listMoviesToRate } from './movies-to-rate';
import { seedTestMovies } from './test-movies';

// Popularity order of the test catalogue (lib/data/test-movies.ts): Toy Story (4 ratings), The Matrix (3),
// Jumanji (2), then Amélie and Toy Story 2 with one rating each, Amélie first on its higher mean (5 against 4).
const RANKED = [1, 2571, 2, 4973, 3114];

describeEachDatabase(
  'movies to rate (start page)',
  (current) => {
    const ids = (result: { movies: { id: number }[] }) => result.movies.map((movie) => movie.id);

    it('pages through the most-rated movies from a start position', async () => {
      const { db } = current();
      const first = await listMoviesToRate(db, { limit: 2 });
      expect(ids(first)).toEqual(RANKED.slice(0, 2));
      expect(first).toMatchObject({ nextStart: 2, previousStart: null, matching: 5, ratedCount: 0 });
      const second = await listMoviesToRate(db, { limit: 2, start: 2 });
      expect(ids(second)).toEqual(RANKED.slice(2, 4));
      expect(second).toMatchObject({ nextStart: 4, previousStart: 0 });
      const last = await listMoviesToRate(db, { limit: 2, start: 4 });
      expect(ids(last)).toEqual([3114]);
      expect(last).toMatchObject({ nextStart: null, previousStart: 2 });
    });

    it('leaves out and counts rated and skipped movies; the next page starts after the last one shown', async () => {
      const { db } = current();
      const rated = new Set([2571]);
      const skipped = new Set([2]);
      const first = await listMoviesToRate(db, { limit: 2, rated, skipped });
      expect(ids(first)).toEqual([1, 4973]);
      expect(first).toMatchObject({ nextStart: 4, ratedCount: 1, skippedCount: 1, matching: 5 });
      // Rating the first page's movies after it was shown does not skip any movie on the next page.
      const next = await listMoviesToRate(db, { limit: 2, start: 4, rated: new Set([1, 4973, 2571]), skipped });
      expect(ids(next)).toEqual([3114]);
      expect(next).toMatchObject({ nextStart: null, previousStart: 0 });
    });

    it('says there is no next page when only rated movies are left', async () => {
      const { db } = current();
      const result = await listMoviesToRate(db, { limit: 4, rated: new Set([3114]) });
      expect(ids(result)).toEqual([1, 2571, 2, 4973]);
      expect(result.nextStart).toBeNull();
    });

    it('combines genre and decade', async () => {
      const { db } = current();
      expect(ids(await listMoviesToRate(db, { decade: 1990 }))).toEqual([1, 2571, 2, 3114]);
      expect(ids(await listMoviesToRate(db, { decade: 2000 }))).toEqual([4973]);
      expect(ids(await listMoviesToRate(db, { genre: 'Comedy', decade: 1990 }))).toEqual([1, 3114]);
      expect(ids(await listMoviesToRate(db, { genre: 'Comedy', decade: 2000 }))).toEqual([4973]);
      const none = await listMoviesToRate(db, { genre: 'Horror' });
      expect(none).toMatchObject({ movies: [], matching: 0, nextStart: null });
    });

    it('clamps a start beyond the list', async () => {
      const { db } = current();
      const result = await listMoviesToRate(db, { start: 99, limit: 2 });
      expect(result).toMatchObject({ movies: [], nextStart: null, previousStart: 3 });
    });

    it('lists the decades with rated movies', async () => {
      // 1990s: Toy Story, Jumanji, Toy Story 2, The Matrix; 2000s: Amélie (the other 2000s movies have no rating).
      expect(await listDecades(current().db)).toEqual([
        { decade: 1990, movieCount: 4 },
        { decade: 2000, movieCount: 1 },
      ]);
    });
  },
  async ({ db }) => seedTestMovies(db),
);

describe('decadeOf', () => {
  it('is the decade’s first year', () => {
    expect([decadeOf(1999), decadeOf(2000), decadeOf(1902), decadeOf(null)]).toEqual([1990, 2000, 1900, null]);
  });
});
