import { cache } from 'react';
import { getDatabase } from '@/db/client';
import { findMovie, type MovieSummary } from '@/lib/data/movies';
import { MovieIdSchema } from '@/lib/validation/movies';

/** The movie a URL segment names, or null for a malformed or unknown id. Cached per request (layout, metadata, page). */
export const loadMovie = cache(async (id: string): Promise<MovieSummary | null> => {
  const parsed = /^\d{1,10}$/.test(id) ? MovieIdSchema.safeParse(id) : null;
  if (!parsed?.success) return null;
  const { db } = await getDatabase();
  return findMovie(db, parsed.data);
});
