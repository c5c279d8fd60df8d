import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Visitors' ratings and hidden movies of movies that a `db:import --replace` removed from the catalogue. They are
 * kept here rather than lost to the ON DELETE CASCADE of ratings and hidden_movies, and moved back by the import
 * that brings the movie back. Pages and the engine read only `ratings` and `hidden_movies`, so they never see a
 * movie outside the catalogue. No foreign key to movies (the movie is gone); a visitor's deletion still removes
 * their rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('archived_ratings')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull())
    .addColumn('rating', 'real', (col) => col.notNull())
    .addColumn('rated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('archived_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('archived_ratings_pkey', ['user_id', 'movie_id'])
    .execute();
  await db.schema
    .createTable('archived_hidden_movies')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull())
    .addColumn('hidden_at', 'timestamptz', (col) => col.notNull())
    .addColumn('archived_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('archived_hidden_movies_pkey', ['user_id', 'movie_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('archived_hidden_movies').execute();
  await db.schema.dropTable('archived_ratings').execute();
}
