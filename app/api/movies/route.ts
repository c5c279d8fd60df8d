import { getDatabase } from '@/db/client';
import { listUserRatings } from '@/lib/data/ratings';
import { suggestMovies, suggestTags } from '@/lib/data/search';
import { predictedRatingsFor } from '@/lib/recsys/engine';
import { getVisitorId } from '@/lib/session';
import { firstIssue, SearchQuery } from '@/lib/validation/movies';

/**
 * GET /api/movies?search=matrix&limit=10 — title autocomplete, forgiving (lib/search: punctuation, diacritics, word
 * order, articles, one typo, acronyms). 200 { items: [{ id, title, year, genres, ratingCount, predictedRating? }],
 * tags: [{ tag, movieCount }] } (at most 3 matching MovieLens tags); 400 { error } naming the bad parameter.
 * predictedRating (the visitor's, 0.5–5) is there for a visitor with enough ratings (PREDICTION_MIN_RATINGS).
 * Answered from in-memory caches (no query per keystroke), so ratingCount may lag new ratings by up to a minute.
 */
/** Tags shown under the titles: a few, so that titles stay the dropdown's main answer. */
const MAX_TAG_SUGGESTIONS = 3;

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = SearchQuery.safeParse({
    search: params.get('search') ?? undefined,
    limit: params.get('limit') ?? undefined,
  });
  if (!parsed.success) return Response.json({ error: firstIssue(parsed.error) }, { status: 400 });
  try {
    const { db } = await getDatabase();
    const [items, tags, visitorId] = await Promise.all([
      suggestMovies(db, parsed.data.search, parsed.data.limit),
      suggestTags(db, parsed.data.search, MAX_TAG_SUGGESTIONS),
      // Outside a request (a direct call in a test) there is no cookie to read: an anonymous visitor.
      getVisitorId().catch(() => null),
    ]);
    const ratings = visitorId === null ? [] : await listUserRatings(db, visitorId);
    const predicted = predictedRatingsFor(
      ratings.map(({ movieId, rating }) => ({ movieId, rating })),
      items.map((item) => item.id),
    );
    const withPredictions = items.map((item) => {
      const predictedRating = predicted?.get(item.id);
      return predictedRating === undefined ? item : { ...item, predictedRating };
    });
    return Response.json({ items: withPredictions, tags }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    // The title index is loaded from the database on first use: an outage then is a 503 in JSON, not a bare 500.
    console.error('[api/movies]', error);
    return Response.json(
      { error: 'the movie catalogue is unavailable right now; retry shortly' },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
}
