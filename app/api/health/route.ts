import { getDatabase } from '@/db/client';
import { getDatabaseCounts } from '@/lib/data/stats';
import { engineStatusJson } from '@/lib/recsys/engine';
import { getEnv } from '@/lib/env';
import { assessHealth, isOperator, operatorHealth, type HealthFacts } from '@/lib/health';
import { describeConnectionError } from '@/lib/import';
import { getStartupState } from '@/lib/startup';
import { errorMessage } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health: readiness. 200 `{ status: 'ready', startup, model }` once the data and a model are ready, else
 * 503 with a coarse status (starting, no-data, no-model, unavailable, failed). With `Authorization: Bearer
 * <HEALTH_TOKEN>` the answer adds the details (database kind and counts, errors, every model); see lib/health.ts.
 */
export async function GET(request: Request): Promise<Response> {
  const facts: HealthFacts = {
    startup: getStartupState(),
    engine: engineStatusJson(),
    database: { error: 'not checked' },
  };
  try {
    const connection = await getDatabase();
    facts.database = { kind: connection.kind, counts: await getDatabaseCounts(connection.db) };
  } catch (error) {
    facts.database = {
      error: describeConnectionError(error) ?? errorMessage(error),
    };
    console.error(`[health] the database did not answer: ${facts.database.error}`);
  }
  const { httpStatus, body } = assessHealth(facts);
  const operator = isOperator(request.headers.get('authorization'), getEnv().HEALTH_TOKEN);
  return Response.json(operator ? operatorHealth(facts, body) : body, {
    status: httpStatus,
    headers: { 'Cache-Control': 'no-store' },
  });
}
