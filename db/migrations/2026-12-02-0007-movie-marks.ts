import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * One table for every mark a visitor puts on a movie without rating it: "not interested" (hidden), "want to watch"
 * (watchlist) and "haven't seen it" (unseen). They were to become three tables, each with its archive copy for
 * `db:import --replace`; one table keeps one set of queries and one archive path. hidden_movies moves in here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('movie_marks')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull().references('movies.id').onDelete('cascade'))
    .addColumn('mark', 'text', (col) => col.notNull().check(sql`mark IN ('hidden', 'watchlist', 'unseen')`))
    .addColumn('marked_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('movie_marks_pkey', ['user_id', 'mark', 'movie_id'])
    .execute();
  await db.schema
    .createTable('archived_movie_marks')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull())
    .addColumn('mark', 'text', (col) => col.notNull())
    .addColumn('marked_at', 'timestamptz', (col) => col.notNull())
    .addColumn('archived_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('archived_movie_marks_pkey', ['user_id', 'mark', 'movie_id'])
    .execute();
  await sql`INSERT INTO movie_marks (user_id, movie_id, mark, marked_at)
            SELECT user_id, movie_id, 'hidden', hidden_at FROM hidden_movies`.execute(db);
  await sql`INSERT INTO archived_movie_marks (user_id, movie_id, mark, marked_at, archived_at)
            SELECT user_id, movie_id, 'hidden', hidden_at, archived_at FROM archived_hidden_movies`.execute(
    db,
  );
  await db.schema.dropTable('archived_hidden_movies').execute();
  await db.schema.dropTable('hidden_movies').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hidden_movies')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull().references('movies.id').onDelete('cascade'))
    .addColumn('hidden_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('hidden_movies_pkey', ['user_id', 'movie_id'])
    .execute();
  await db.schema
    .createTable('archived_hidden_movies')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull())
    .addColumn('hidden_at', 'timestamptz', (col) => col.notNull())
    .addColumn('archived_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('archived_hidden_movies_pkey', ['user_id', 'movie_id'])
    .execute();
  await sql`INSERT INTO hidden_movies (user_id, movie_id, hidden_at)
            SELECT user_id, movie_id, marked_at FROM movie_marks WHERE mark = 'hidden'`.execute(db);
  await sql`INSERT INTO archived_hidden_movies (user_id, movie_id, hidden_at, archived_at)
            SELECT user_id, movie_id, marked_at, archived_at FROM archived_movie_marks WHERE mark = 'hidden'`.execute(
    db,
  );
  await db.schema.dropTable('archived_movie_marks').execute();
  await db.schema.dropTable('movie_marks').execute();
}
