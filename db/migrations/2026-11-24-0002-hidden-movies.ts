import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Movies a visitor marked "not interested": left out of their recommendations until they undo it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hidden_movies')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull().references('movies.id').onDelete('cascade'))
    .addColumn('hidden_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('hidden_movies_pkey', ['user_id', 'movie_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hidden_movies').execute();
}
