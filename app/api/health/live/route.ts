export const dynamic = 'force-dynamic';

/** GET /api/health/live: liveness. 200 while the process answers requests, whatever the database is doing. */
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
