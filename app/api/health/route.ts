import { getDatabase } from '@/db/client';
import { getDatabaseCounts } from '@/lib/data/stats';
import { engineStatusJson } from '@/lib/recsys/engine';
import { describeConnectionError } from '@/lib/import';
import { getStartupState } from '@/lib/startup';
import { errorMessage } from '@/lib/errors';

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
      model: engineStatusJson(),
    });
  } catch (error) {
    const reason = describeConnectionError(error) ?? errorMessage(error);
    return Response.json({ status: 'error', reason, startup: getStartupState() }, { status: 503 });
  }
}
