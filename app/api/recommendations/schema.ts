/**
 * POST /api/recommendations: the request body and its checks. Messages name the field, e.g.
 * "ratings.2.rating: Rating must be in half-star steps".
 */
import { z } from 'zod';
import { isRatingValue, MAX_RATING, MIN_RATING } from '@/lib/rating-scale';
import { firstIssue } from '@/lib/validation/issues';
import { DEFAULT_MODEL_KEY, modelSpecByKey, API_SPECS, type ModelSpec } from '@/lib/recsys/model-specs';
import { DEFAULT_MIN_RATINGS } from '@/app/recommendations/query';

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_API_RATINGS = 1000;
export const MAX_API_N = 100;

const ALGORITHMS = [...new Set(API_SPECS.map((spec) => spec.algorithm))] as [string, ...string[]];
const DEFAULT_ALGORITHM = (modelSpecByKey(DEFAULT_MODEL_KEY) as ModelSpec).algorithm;
const FILLS = API_SPECS.flatMap((spec) => (spec.fill ? [spec.fill] : [])) as [string, ...string[]];

export const ApiRating = z.object({
  movieId: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .positive('must be positive')
    .max(2_147_483_647, 'is too large'),
  rating: z
    .number({ error: 'must be a number' })
    .min(MIN_RATING, `must be at least ${MIN_RATING}`)
    .max(MAX_RATING, `must be at most ${MAX_RATING}`)
    .refine(isRatingValue, 'must be in half-star steps (0.5, 1, … 5)'),
});

export const RecommendationRequest = z
  .object({
    ratings: z
      .array(ApiRating, { error: 'must be an array of {movieId, rating}' })
      .max(MAX_API_RATINGS, `at most ${MAX_API_RATINGS} ratings`)
      .default([]),
    algorithm: z
      .enum(ALGORITHMS, { error: `must be one of ${ALGORITHMS.join(', ')}` })
      .default(DEFAULT_ALGORITHM),
    fill: z.enum(FILLS, { error: `must be one of ${FILLS.join(', ')}` }).optional(),
    minRatings: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(100_000, 'is too large')
      .default(DEFAULT_MIN_RATINGS),
    n: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_API_N, `must be at most ${MAX_API_N}`)
      .default(10),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.fill && body.algorithm !== 'nmf')
      ctx.addIssue({ code: 'custom', path: ['fill'], message: 'only applies to algorithm "nmf"' });
    const seen = new Set<number>();
    body.ratings.forEach((rated, index) => {
      if (seen.has(rated.movieId))
        ctx.addIssue({
          code: 'custom',
          path: ['ratings', index, 'movieId'],
          message: `movie ${rated.movieId} is rated twice`,
        });
      seen.add(rated.movieId);
    });
  });

export type RecommendationRequestBody = z.infer<typeof RecommendationRequest>;

/** "ratings.2.rating must be in half-star steps": the first problem, naming the field. */
export function describeIssue(error: z.ZodError): string {
  return firstIssue(error, { separator: ' ', root: 'body' });
}
