import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A stored model's payload in parts of a few MB (lib/data/model-store.ts), not one bytea: at 32M ratings a payload
 * reaches hundreds of MB, and writing it as one statement outlived the connection's timeouts. Existing payloads
 * become part 0; `bytes` keeps the total for status pages without reading the parts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trained_model_parts')
    .addColumn('data_version', 'text', (col) => col.notNull())
    .addColumn('algorithm', 'text', (col) => col.notNull())
    .addColumn('params_key', 'text', (col) => col.notNull())
    .addColumn('part', 'integer', (col) => col.notNull())
    .addColumn('bytes', 'bytea', (col) => col.notNull())
    .addPrimaryKeyConstraint('trained_model_parts_pkey', ['data_version', 'algorithm', 'params_key', 'part'])
    .addForeignKeyConstraint(
      'trained_model_parts_model_fkey',
      ['data_version', 'algorithm', 'params_key'],
      'trained_models',
      ['data_version', 'algorithm', 'params_key'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .alterTable('trained_models')
    .addColumn('bytes', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`INSERT INTO trained_model_parts (data_version, algorithm, params_key, part, bytes)
            SELECT data_version, algorithm, params_key, 0, payload FROM trained_models`.execute(db);
  await sql`UPDATE trained_models SET bytes = octet_length(payload)`.execute(db);
  await db.schema.alterTable('trained_models').dropColumn('payload').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trained_models').addColumn('payload', 'bytea').execute();
  await sql`UPDATE trained_models m SET payload = (
              SELECT string_agg(p.bytes, ''::bytea ORDER BY p.part) FROM trained_model_parts p
              WHERE (p.data_version, p.algorithm, p.params_key) = (m.data_version, m.algorithm, m.params_key))`.execute(
    db,
  );
  await sql`UPDATE trained_models SET payload = ''::bytea WHERE payload IS NULL`.execute(db);
  await db.schema
    .alterTable('trained_models')
    .alterColumn('payload', (col) => col.setNotNull())
    .execute();
  await db.schema.alterTable('trained_models').dropColumn('bytes').execute();
  await db.schema.dropTable('trained_model_parts').execute();
}
