import { z } from 'zod';
import { getDatabase } from '@/db/client';
import { findMovie } from '@/lib/data/movies';
import { engineView, similarMoviesFor } from '@/lib/recsys/engine';
import { MovieIdSchema } from '@/lib/validation/movies';
import { firstIssue } from '@/lib/validation/issues';

export const dynamic = 'force-dynamic';

const MAX_SIMILAR = 50;

const Query = z.object({
  id: MovieIdSchema,
  n: z.coerce
    .number({ error: 'n must be a number.' })
    .int('n must be a whole number.')
    .min(1, 'n must be at least 1.')
    .max(MAX_SIMILAR, `n must be at most ${MAX_SIMILAR}.`)
    .default(10),
});

/**
 * GET /api/movies/{id}/similar?n=10 — the movies people liked together with this one (the item–item model that
 * the movie pages show). 200 { movieId, items: [{ movieId, title, year, genres, ratingCount, similarity }] } with
 * similarity in [0, 1]; 400 naming a bad id or n; 404 for a movie not in the catalogue; 503 with Retry-After while
 * the model is being fitted.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const parsed = Query.safeParse({
    id: (await params).id,
    n: new URL(request.url).searchParams.get('n') ?? undefined,
  });
  if (!parsed.success) return Response.json({ error: firstIssue(parsed.error) }, { status: 400 });
  const { id, n } = parsed.data;
  try {
    const { db } = await getDatabase();
    if (!(await findMovie(db, id)))
      return Response.json({ error: `there is no movie ${id}` }, { status: 404 });
    const similar = similarMoviesFor(id, n);
    const status = engineView()?.status ?? 'idle';
    if (similar.length === 0 && (status === 'training' || status === 'idle')) {
      return Response.json(
        { error: 'the similar-movies model is still being fitted; retry shortly' },
        { status: 503, headers: { 'Retry-After': '30' } },
      );
    }
    return Response.json({
      movieId: id,
      items: similar.map(({ movie, similarity }) => ({
        movieId: movie.id,
        title: movie.title,
        year: movie.year,
        genres: movie.genres,
        ratingCount: movie.ratingCount,
        similarity: Math.round(similarity * 1000) / 1000,
      })),
    });
  } catch (error) {
    console.error('[api/movies/similar]', error);
    return Response.json(
      { error: 'the movie catalogue is unavailable right now; retry shortly' },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
}
