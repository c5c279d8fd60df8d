import { getDatabase } from '@/db/client';
import { getDatabaseCounts } from '@/lib/data/stats';
import { getEngineStatus } from '@/lib/recsys/engine';
import { describeConnectionError } from '@/lib/import';
import { getStartupState } from '@/lib/startup';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health: 200 with the database kind and row counts, the startup state (migrating, importing, ready)
 * and the recommendation engine's status; 503 `{ status: 'error', reason }` when the database cannot be reached.
 */
export async function GET(): Promise<Response> {
  try {
    const connection = await getDatabase();
    const counts = await getDatabaseCounts(connection.db);
    return Response.json({
      status: 'ok',
      database: { kind: connection.kind, counts },
      startup: getStartupState(),
      model: getEngineStatus(),
    });
  } catch (error) {
    const reason = describeConnectionError(error) ?? (error instanceof Error ? error.message : String(error));
    return Response.json({ status: 'error', reason, startup: getStartupState() }, { status: 503 });
  }
}
