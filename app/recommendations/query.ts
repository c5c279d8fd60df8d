/**
 * The /recommendations URL: ?algorithm=nmf&fill=movie-median&genre=Drama&from=1990&to=2005&min=10&watchlist=hide. Anything
 * unparsable falls back to its default (a shared link with a typo still shows a page).
 */
import { z } from 'zod';
import type { ResolvedMovieFilter } from '@/lib/movie-filter';
import {
  DEFAULT_MODEL_KEY,
  findModelSpec,
  modelQuery,
  modelSpecByKey,
  type ModelSpec,
} from '@/lib/recsys/model-specs';

/**
 * Default minimum number of MovieLens ratings. Measured on two 5-rating profiles (sci-fi fan, drama fan), top 10:
 * with 0, NMF movie-median has 7–9 of 10 movies with fewer than 5 ratings (median 1–4 ratings: "Dog Soldiers [3]"),
 * biased MF 9–10/10, masked NMF 4–6/10; with 5 none are left but the lists are still 6–17-rating curiosities;
 * with 10 the median count is 12–126; with 20, 28–129. Cosine, EASE, NMF zeros and global median are unaffected
 * (their lists have a median of ~200 ratings). 10 removes the noise without hiding the long tail; the filter offers 0–50.
 */
export const DEFAULT_MIN_RATINGS = 10;
export const MIN_RATINGS_CHOICES = [0, 5, 10, 20, 50] as const;
/** Cards per page: 12 (a full page of 24 cards with their rating controls took twice the server time), up to 48 with "show more". */
export const PAGE_SIZE = 12;
export const MAX_PAGE_SIZE = 48;

/** Movies on the visitor's watchlist: shown among the recommendations (with a badge), or left out. */
export const WATCHLIST_CHOICES = ['show', 'hide'] as const;
export type WatchlistChoice = (typeof WATCHLIST_CHOICES)[number];

/** The movie filter plus what to do with watchlisted movies (which only a visitor's page knows). */
export interface RecommendationFilter extends ResolvedMovieFilter {
  watchlist: WatchlistChoice;
}

const Year = z.coerce.number().int().min(1870).max(2100);
const Query = z.object({
  algorithm: z.string().max(40).optional().catch(undefined),
  fill: z.string().max(40).optional().catch(undefined),
  genre: z.string().trim().min(1).max(40).optional().catch(undefined),
  from: Year.optional().catch(undefined),
  to: Year.optional().catch(undefined),
  min: z.coerce.number().int().min(0).max(10_000).optional().catch(undefined),
  n: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().catch(undefined),
  watchlist: z.enum(WATCHLIST_CHOICES).optional().catch(undefined),
});

export interface RecommendationQuery {
  spec: ModelSpec;
  n: number;
  filter: RecommendationFilter;
}

type SearchParams = Record<string, string | string[] | undefined>;

export function parseRecommendationQuery(params: SearchParams): RecommendationQuery {
  const first = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]),
  );
  const query = Query.parse(first);
  const spec = findModelSpec(query.algorithm, query.fill) ?? (modelSpecByKey(DEFAULT_MODEL_KEY) as ModelSpec);
  return {
    spec,
    n: query.n ?? PAGE_SIZE,
    filter: {
      genre: query.genre ?? null,
      yearFrom: query.from ?? null,
      yearTo: query.to ?? null,
      minRatings: query.min ?? DEFAULT_MIN_RATINGS,
      watchlist: query.watchlist ?? 'show',
    },
  };
}

/** The query string for a model and filter (defaults left out, so URLs stay short). */
export function recommendationHref(
  spec: ModelSpec,
  filter: Partial<RecommendationQuery['filter']>,
  n?: number,
  path = '/recommendations',
): string {
  const params = new URLSearchParams(modelQuery(spec));
  if (filter.genre) params.set('genre', filter.genre);
  if (filter.yearFrom != null) params.set('from', String(filter.yearFrom));
  if (filter.yearTo != null) params.set('to', String(filter.yearTo));
  if (filter.minRatings != null && filter.minRatings !== DEFAULT_MIN_RATINGS)
    params.set('min', String(filter.minRatings));
  if (filter.watchlist === 'hide') params.set('watchlist', 'hide');
  if (n !== undefined && n !== PAGE_SIZE) params.set('n', String(n));
  return `${path}?${params.toString()}`;
}
