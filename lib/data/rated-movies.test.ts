import { describeEachDatabase } from '@/db/test-db';
import { inAlphabeticalOrder, listRatedMoviesPage, listRatedTitles } from './rated-movies';
import { upsertRating } from './ratings';
import { seedTestMovies } from './test-movies';
import { createVisitor } from './visitors';

describeEachDatabase(
  'a page of the visitor’s rated movies',
  (current) => {
    async function visitorWith(ratings: [number, number][]) {
      const { db } = current();
      const { id: userId } = await createVisitor(db);
      for (const [movieId, rating] of ratings) await upsertRating(db, { userId, movieId, rating });
      return userId;
    }

    it('pages through the ratings in alphabetical order of display titles', async () => {
      const { db } = current();
      // Display titles: Toy Story, The Matrix, The Matrix Reloaded, Jumanji, Amélie (…, Le), Untitled.
      const userId = await visitorWith([
        [1, 4],
        [2571, 5],
        [6365, 2],
        [2, 3],
        [4973, 4.5],
        [10, 1],
      ]);
      const first = await listRatedMoviesPage(db, userId, { page: 1, pageSize: 4 });
      expect(first).toMatchObject({ total: 6, page: 1, pageCount: 2 });
      expect(first.items.map(({ movie, rating }) => [movie.id, rating])).toEqual([
        [4973, 4.5], // Amélie
        [2, 3], // Jumanji
        [2571, 5], // The Matrix
        [6365, 2], // The Matrix Reloaded
      ]);
      const second = await listRatedMoviesPage(db, userId, { page: 2, pageSize: 4 });
      expect(second.items.map(({ movie }) => movie.id)).toEqual([1, 10]); // Toy Story, Untitled
      expect(second.items[0]?.movie).toMatchObject({ title: 'Toy Story (1995)', ratingCount: 4 });
    });

    it('clamps a page number past the end or below 1 to the pages there are', async () => {
      const { db } = current();
      const userId = await visitorWith([
        [1, 4],
        [2, 3],
        [2571, 5],
      ]);
      expect(await listRatedMoviesPage(db, userId, { page: 9, pageSize: 2 })).toMatchObject({ page: 2, pageCount: 2 });
      expect(await listRatedMoviesPage(db, userId, { page: 0, pageSize: 2 })).toMatchObject({ page: 1 });
      expect(await listRatedMoviesPage(db, userId, { page: Number.NaN, pageSize: 2 })).toMatchObject({ page: 1 });
    });

    it('lists all the ratings with their titles in the same order (the share form\'s "leave out" list)', async () => {
      const { db } = current();
      const userId = await visitorWith([
        [1, 4],
        [2571, 5],
        [4973, 4.5],
      ]);
      expect(await listRatedTitles(db, userId)).toEqual([
        { movieId: 4973, title: expect.stringMatching(/^Amélie/) as unknown, year: 2001, rating: 4.5 },
        { movieId: 2571, title: 'Matrix, The (1999)', year: 1999, rating: 5 },
        { movieId: 1, title: 'Toy Story (1995)', year: 1995, rating: 4 },
      ]);
    });

    it('gives one empty page to a visitor with no ratings', async () => {
      const { db } = current();
      const userId = await visitorWith([]);
      expect(await listRatedMoviesPage(db, userId, { page: 3 })).toEqual({ total: 0, page: 1, pageCount: 1, items: [] });
    });
  },
  async ({ db }) => seedTestMovies(db),
);

it('puts rows in alphabetical order of display titles, movies missing from the index last by id', () => {
  const titles = [
    { id: 1, title: 'Toy Story (1995)', lower: '', year: 1995, genres: [] },
    { id: 2, title: 'Matrix, The (1999)', lower: '', year: 1999, genres: [] },
    { id: 3, title: 'Jumanji (1995)', lower: '', year: 1995, genres: [] },
  ];
  const rows = [99, 1, 2, 50, 3].map((movieId) => ({ movieId }));
  expect(inAlphabeticalOrder(rows, titles).map((row) => row.movieId)).toEqual([3, 2, 1, 50, 99]);
  expect(inAlphabeticalOrder([], titles)).toEqual([]);
});
