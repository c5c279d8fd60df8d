import { getDatabase } from '@/db/client';
import { suggestMovies } from '@/lib/data/movies';
import { firstIssue, SearchQuery } from '@/lib/validation/movies';

/**
 * GET /api/movies?search=matrix&limit=10 — title autocomplete.
 * 200 { items: [{ id, title, year, genres, ratingCount }] }; 400 { error } naming the bad parameter.
 * Answered from in-memory caches (no query per keystroke), so ratingCount may lag new ratings by up to a minute.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = SearchQuery.safeParse({
    search: params.get('search') ?? undefined,
    limit: params.get('limit') ?? undefined,
  });
  if (!parsed.success) return Response.json({ error: firstIssue(parsed.error) }, { status: 400 });
  try {
    const { db } = await getDatabase();
    const items = await suggestMovies(db, parsed.data.search, parsed.data.limit);
    return Response.json({ items }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    // The title index is loaded from the database on first use: an outage then is a 503 in JSON, not a bare 500.
    console.error('[api/movies]', error);
    return Response.json({ error: 'the movie catalogue is unavailable right now; retry shortly' }, { status: 503, headers: { 'Retry-After': '5' } });
  }
}
