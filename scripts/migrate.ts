/**
 * npm run db:migrate: brings the database of DATABASE_URL (or the embedded PGlite in PGLITE_DATA_DIR) to the
 * latest migration and says which migrations ran.
 */
import { connectDatabase } from '@/db/client';
import { migrateToLatest } from '@/db/migrate';
import { describeConnectionError, describeDatabaseTarget } from '@/lib/import';
import { getEnv, projectPath } from '@/lib/env';
import { runScript } from './lib/run-script';

async function main(): Promise<number> {
  const env = getEnv();
  console.log(`Migrating ${describeDatabaseTarget()}`);
  try {
    const connection = await connectDatabase(
      env.DATABASE_URL
        ? { databaseUrl: env.DATABASE_URL, migrate: false }
        : { pgliteDataDir: projectPath(env.PGLITE_DATA_DIR), migrate: false },
    );
    try {
      const applied = await migrateToLatest(connection.db);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'Already up to date: nothing to do.',
      );
    } finally {
      await connection.close();
    }
    return 0;
  } catch (error) {
    const line = describeConnectionError(error);
    if (!line) throw error;
    console.error(`Migration failed: ${line}`);
    return 1;
  }
}

runScript(main, { database: true });
