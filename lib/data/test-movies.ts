import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/**
 * A tiny catalogue for data, action and API tests: titles in MovieLens form (moved articles, Unicode,
 * LIKE wildcards and quotes) and ratings that make the popularity order known in advance.
 */
export const TEST_MOVIES = [
  { id: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
  { id: 2, title: 'Jumanji (1995)', year: 1995, genres: ['Adventure', 'Children', 'Fantasy'] },
  { id: 3114, title: 'Toy Story 2 (1999)', year: 1999, genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
  { id: 2571, title: 'Matrix, The (1999)', year: 1999, genres: ['Action', 'Sci-Fi', 'Thriller'] },
  { id: 6365, title: 'Matrix Reloaded, The (2003)', year: 2003, genres: ['Action', 'Adventure', 'Sci-Fi', 'Thriller'] },
  { id: 4973, title: "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", year: 2001, genres: ['Comedy', 'Romance'] },
  { id: 7, title: '100% Arbitrary (2000)', year: 2000, genres: [] },
  { id: 8, title: 'Under_score Story (2001)', year: 2001, genres: ['Drama'] },
  { id: 9, title: 'Back\\Slash (2002)', year: 2002, genres: ['Drama'] },
  { id: 10, title: 'Untitled', year: null, genres: ['Drama'] },
] as const;

/** MovieLens users 1..4; Toy Story has 4 ratings, the Matrix 3, Jumanji 2, Toy Story 2 and Amélie 1. */
export const TEST_RATINGS: { userId: number; movieId: number; rating: number }[] = [
  { userId: 1, movieId: 1, rating: 4 },
  { userId: 2, movieId: 1, rating: 5 },
  { userId: 3, movieId: 1, rating: 3.5 },
  { userId: 4, movieId: 1, rating: 4 },
  { userId: 1, movieId: 2571, rating: 5 },
  { userId: 2, movieId: 2571, rating: 4.5 },
  { userId: 3, movieId: 2571, rating: 4 },
  { userId: 1, movieId: 2, rating: 3 },
  { userId: 2, movieId: 2, rating: 2 },
  { userId: 1, movieId: 3114, rating: 4 },
  { userId: 1, movieId: 4973, rating: 5 },
];

export async function seedTestMovies(db: Kysely<DB>): Promise<void> {
  await db.insertInto('users').values([1, 2, 3, 4].map((id) => ({ id, kind: 'movielens' as const }))).execute();
  await db.insertInto('movies').values(TEST_MOVIES.map((movie) => ({ ...movie, genres: [...movie.genres] }))).execute();
  await db
    .insertInto('links')
    .values([
      { movie_id: 1, imdb_id: '0114709', tmdb_id: 862 },
      { movie_id: 2571, imdb_id: '0133093', tmdb_id: 603 },
      { movie_id: 2, imdb_id: '0113497', tmdb_id: null },
    ])
    .execute();
  await db
    .insertInto('ratings')
    .values(TEST_RATINGS.map((r) => ({ user_id: r.userId, movie_id: r.movieId, rating: r.rating })))
    .execute();
  await db
    .insertInto('tags')
    .values([
      { user_id: 1, movie_id: 1, tag: 'pixar', tagged_at: new Date('2018-01-01T00:00:00Z') },
      { user_id: 2, movie_id: 1, tag: 'pixar', tagged_at: new Date('2018-01-02T00:00:00Z') },
      { user_id: 2, movie_id: 1, tag: '<b>fun</b>', tagged_at: new Date('2018-01-03T00:00:00Z') },
    ])
    .execute();
}
