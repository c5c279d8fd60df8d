import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Trained models, keyed by the MovieLens data version they were fitted on and their parameters, so that a
 * restart with unchanged data (or a second app instance) loads the factors instead of fitting again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trained_models')
    .addColumn('data_version', 'text', (col) => col.notNull())
    .addColumn('algorithm', 'text', (col) => col.notNull())
    .addColumn('params_key', 'text', (col) => col.notNull())
    .addColumn('payload', 'bytea', (col) => col.notNull())
    .addColumn('fit_ms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('trained_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('trained_models_pkey', ['data_version', 'algorithm', 'params_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('trained_models').execute();
}
