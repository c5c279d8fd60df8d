import type { Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Who is fitting the models of a data version right now: app instances that start together on one PostgreSQL
 * server let one of them fit and the others wait for its stored models, instead of each fitting everything.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('model_training_leases')
    .addColumn('data_version', 'text', (col) => col.primaryKey())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('model_training_leases').execute();
}
