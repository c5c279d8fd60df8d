import { Migrator, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations';
import { errorMessage } from '@/lib/errors';

/** Bring the database to the latest migration; throws with the failing migration's name and cause. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema version
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its migration tables in EVERY schema unless told which one: with another schema holding them
  // (parallel test schemas, another app on the server) it skips creating its own and fails. Pin the current one.
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.schema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const cause = errorMessage(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`.replace('  ', ' '), {
      cause: error,
    });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
