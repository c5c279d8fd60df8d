import { createPostgresTestDatabase, testDatabaseUrl, type TestDatabase } from './test-db';

/**
 * Two schemas on one PostgreSQL server, each migrated on its own search_path (parallel Jest workers, two apps on
 * one server). Kysely's migrator used to look for its tables in every schema, find the first schema's and fail
 * in the second with 'relation "kysely_migration_lock" does not exist'.
 */
const url = testDatabaseUrl();
(url ? describe : describe.skip)('migrations with another migrated schema on the server [postgresql]', () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of opened) await database.destroy();
  });

  it('migrates a second schema while the first one holds migration tables', async () => {
    opened.push(await createPostgresTestDatabase(url!));
    opened.push(await createPostgresTestDatabase(url!));
    const [first, second] = opened;
    for (const database of [first!, second!]) {
      await expect(database.db.selectFrom('movies').select('id').execute()).resolves.toEqual([]);
    }
  });
});
