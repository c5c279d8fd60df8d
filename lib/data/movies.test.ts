import { describeEachDatabase } from '@/db/test-db';
import {
  findMovie,
  listGenres,
  listMoviesByIds,
  listMovieTags,
  listPopularMovies,
} from './movies';
import { getDatabaseCounts } from './stats';
import { seedTestMovies } from './test-movies';

describeEachDatabase(
  'movies data',
  (current) => {
    it('finds a movie with its links and rating statistics', async () => {
      const movie = await findMovie(current().db, 1);
      // Toy Story: ratings 4, 5, 3.5, 4 in the fixture -> mean 4.125.
      expect(movie).toEqual({
        id: 1,
        title: 'Toy Story (1995)',
        year: 1995,
        genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
        imdbId: '0114709',
        tmdbId: 862,
        ratingCount: 4,
        meanRating: 4.125,
      });
      expect(await findMovie(current().db, 999_999)).toBeNull();
    });

    it('gives an unrated movie without links zero ratings and no mean', async () => {
      expect(await findMovie(current().db, 10)).toMatchObject({ year: null, imdbId: null, ratingCount: 0, meanRating: null });
    });

    it('lists movies by ids in the order asked, skipping unknown ids', async () => {
      const movies = await listMoviesByIds(current().db, [2571, 424242, 1, 2571]);
      expect(movies.map((movie) => movie.id)).toEqual([2571, 1, 2571]);
      expect(await listMoviesByIds(current().db, [])).toEqual([]);
    });

    it('lists the most rated movies, optionally of one genre', async () => {
      const popular = await listPopularMovies(current().db, { limit: 3 });
      expect(popular.map((movie) => movie.id)).toEqual([1, 2571, 2]);
      const sciFi = await listPopularMovies(current().db, { genre: 'Sci-Fi' });
      expect(sciFi.map((movie) => movie.id)).toEqual([2571]);
      expect(await listPopularMovies(current().db, { genre: "'; DROP TABLE movies; --" })).toEqual([]);
    });

    it('lists genres with their movie counts', async () => {
      const genres = await listGenres(current().db);
      expect(genres).toContainEqual({ genre: 'Drama', movieCount: 3 });
      expect(genres.map((g) => g.genre)).toEqual([...genres.map((g) => g.genre)].sort());
      expect((await getDatabaseCounts(current().db)).movies).toBe(10);
    });

    it('lists tags by use, as plain text', async () => {
      expect(await listMovieTags(current().db, 1)).toEqual([
        { tag: 'pixar', count: 2 },
        { tag: '<b>fun</b>', count: 1 },
      ]);
    });
  },
  async ({ db }) => seedTestMovies(db),
);
