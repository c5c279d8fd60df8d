import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '@/db/schema';
import { movieExists } from '@/lib/data/movies';
import { isRatingValue, MAX_RATING, MIN_RATING } from '@/lib/rating-scale';
import { isPlainText } from './text';

export { firstIssue } from './issues';

/**
 * Input schemas shared by the server actions and the JSON API. Form fields arrive as strings, so numbers are
 * coerced; messages are written for the visitor.
 */

export const MAX_SEARCH_LENGTH = 100;
export const MAX_SEARCH_LIMIT = 50;

// Integer ids as strings or numbers; rejects "", "1e3", "12abc" and anything above PostgreSQL's integer range.
export const MovieIdSchema = z.coerce
  .number({ error: 'Movie id must be a number.' })
  .int('Movie id must be a whole number.')
  .positive('Movie id must be positive.')
  .max(2_147_483_647, 'Movie id is too large.');

export const RatingValueSchema = z.coerce
  .number({ error: 'Rating must be a number.' })
  .min(MIN_RATING, `Rating must be at least ${MIN_RATING} stars.`)
  .max(MAX_RATING, `Rating must be at most ${MAX_RATING} stars.`)
  .refine(isRatingValue, 'Rating must be in half-star steps (0.5, 1, 1.5, ... 5).');

export const MovieInput = z.object({ movieId: MovieIdSchema });
export const RateMovieInput = z.object({ movieId: MovieIdSchema, rating: RatingValueSchema });

/** A movie id that names a movie in the database (asynchronous: use safeParseAsync). */
export function existingMovieInput<T extends { movieId: number }>(db: Kysely<DB>, schema: z.ZodType<T>) {
  return schema.superRefine(async (value, ctx) => {
    if (!(await movieExists(db, value.movieId))) {
      ctx.addIssue({ code: 'custom', path: ['movieId'], message: 'There is no movie with this id.' });
    }
  });
}

export const SearchQuery = z.object({
  search: z
    .string({ error: 'search is required.' })
    .trim()
    .min(1, 'search must not be empty.')
    .max(MAX_SEARCH_LENGTH, `search must be at most ${MAX_SEARCH_LENGTH} characters.`)
    .refine(isPlainText, 'search must not contain control characters.'),
  limit: z.coerce
    .number({ error: 'limit must be a number.' })
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(MAX_SEARCH_LIMIT, `limit must be at most ${MAX_SEARCH_LIMIT}.`)
    .default(10),
});
