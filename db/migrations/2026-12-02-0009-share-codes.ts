import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Share codes (issue 10, movie night): a frozen copy of the ratings a visitor chose to share, found by a short random
 * code. The snapshot is stored, not a filter over live ratings, so a code shows exactly what its owner agreed to
 * share even after they rate more; it dies with its owner's profile (cascade), when it expires or is revoked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('share_codes')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('owner_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    // [{"movieId": 1, "rating": 4.5}, …]: movie ids and ratings only, no times, no marks.
    .addColumn('ratings', 'jsonb', (col) => col.notNull())
    .addColumn('rating_count', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('share_codes_owner_idx').on('share_codes').column('owner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('share_codes').execute();
}
