import type { Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The browser's claim on the profile it is about to create (issue 13, item 7): a random value in a cookie set
 * before the first write, unique here, so that two tabs saving their first rating at the same moment end up in one
 * profile instead of two.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('claim', 'text', (col) => col.unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('claim').execute();
}
