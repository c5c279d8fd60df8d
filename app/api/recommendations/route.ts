/**
 * POST /api/recommendations — recommendations for ratings given in the body; nothing is stored.
 *
 *   { "ratings": [{ "movieId": 1, "rating": 5 }], "algorithm": "nmf", "fill": "movie-median", "n": 10, "minRatings": 10 }
 * (algorithm default "ease-ials", the site's "For you" list; "cosine" and "nmf" are the original design's; fill default "zeros" for nmf, n default 10, minRatings — fewest MovieLens ratings a
 * recommended movie must have — default 10, as on the page)
 *   → 200 { "algorithm", "fill", "model", "fallback", "items": [{ movieId, title, year, score, predictedRating, explanation, explanationDetail }] }
 *
 * Errors: 400 { error } naming the field (malformed JSON, wrong types, n outside 1..100, a movie id that is not in
 * the catalogue: unknown ids are rejected rather than skipped, so a typo does not silently change the answer),
 * 413 for a body over 64 KB, 415 for a non-JSON content type, and 503 with Retry-After while the requested
 * model is still training (an empty ratings list or algorithm "popular" is always answered).
 */
import { readLimited } from '@/lib/http/read-limited';
import { NextResponse } from 'next/server';
import { getDatabase } from '@/db/client';
import { listExistingMovieIds } from '@/lib/data/training';
import { engineView, knownMovieIds, recommendFor } from '@/lib/recsys/engine';
import { describeIssue, MAX_BODY_BYTES, RecommendationRequest } from './schema';
import { API_SPECS, findModelSpec } from '@/lib/recsys/model-specs';

export const dynamic = 'force-dynamic';

function fail(status: number, error: string, headers?: Record<string, string>) {
  return NextResponse.json({ error }, { status, headers });
}

export async function POST(request: Request): Promise<Response> {
  const type = request.headers.get('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type))
    return fail(415, 'body must be JSON (Content-Type: application/json)');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return fail(413, `body must be at most ${MAX_BODY_BYTES / 1024} KB`);
  // A client that disconnects mid-body makes the read reject: answer 400 rather than an unhandled 500.
  const body = await readLimited(request, MAX_BODY_BYTES).catch(() => undefined);
  const text = body == null ? body : Buffer.from(body).toString('utf8');
  if (text === undefined) return fail(400, 'body could not be read');
  if (text === null) return fail(413, `body must be at most ${MAX_BODY_BYTES / 1024} KB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(400, 'body is not valid JSON');
  }
  const parsed = RecommendationRequest.safeParse(json);
  if (!parsed.success) return fail(400, describeIssue(parsed.error));
  const { ratings, algorithm, fill, n, minRatings } = parsed.data;
  const spec = findModelSpec(algorithm, fill, API_SPECS);
  if (!spec) return fail(400, `algorithm ${algorithm} is not available`);

  try {
    const ids = ratings.map((rated) => rated.movieId);
    const known = knownMovieIds(ids) ?? (await listExistingMovieIds((await getDatabase()).db, ids));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0)
      return fail(
        400,
        `ratings: unknown movieId ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
      );

    const result = await recommendFor(ratings, { model: spec.key, n, filter: { minRatings } });
    if (result.fallback === 'training' || result.fallback === 'not-started') {
      const progress = engineView()?.progress;
      return fail(
        503,
        `the ${spec.key} model is still training${progress ? ` (${progress.done} of ${progress.total} models ready)` : ''}; retry shortly or ask for algorithm "popular"`,
        { 'Retry-After': '30' },
      );
    }
    return NextResponse.json({
      algorithm: result.served.algorithm,
      fill: result.served.fill,
      model: result.served.key,
      fallback: result.fallback,
      items: result.items.map((item) => ({
        movieId: item.movieId,
        title: item.title,
        year: item.year,
        score: item.score,
        predictedRating: item.predictedRating,
        explanation: item.reason,
        explanationDetail: item.explanation,
      })),
    });
  } catch (error) {
    console.error('[api/recommendations]', error);
    return fail(500, 'could not compute recommendations');
  }
}
