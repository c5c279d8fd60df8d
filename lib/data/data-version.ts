import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** The version of the MovieLens data in the database: the latest import's content hash, or null before any import. */
export async function findDataVersion(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('dataset_imports')
    .select('data_version')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.data_version ?? null;
}
