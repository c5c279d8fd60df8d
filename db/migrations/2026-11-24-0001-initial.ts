import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working after db/schema.ts moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SEQUENCE visitor_id_seq START WITH 1000000`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (col) => col.primaryKey().defaultTo(sql`nextval('visitor_id_seq')`))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('movielens', 'visitor')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('movies')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('year', 'smallint')
    .addColumn('genres', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute();
  // Title search: lower(title) LIKE '%...%' is served by a trigram index where pg_trgm exists;
  // a plain btree on lower(title) serves prefix search everywhere (PGlite has no pg_trgm by default).
  await sql`CREATE INDEX movies_title_lower_idx ON movies (lower(title) text_pattern_ops)`.execute(db);

  await db.schema
    .createTable('links')
    .addColumn('movie_id', 'integer', (col) => col.primaryKey().references('movies.id').onDelete('cascade'))
    .addColumn('imdb_id', 'text')
    .addColumn('tmdb_id', 'integer')
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull().references('movies.id').onDelete('cascade'))
    .addColumn('rating', 'real', (col) =>
      col.notNull().check(sql`rating >= 0.5 AND rating <= 5.0 AND rating * 2 = floor(rating * 2)`),
    )
    .addColumn('rated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ratings_pkey', ['user_id', 'movie_id'])
    .execute();
  // The primary key serves "a user's ratings"; this serves "a movie's ratings".
  await db.schema.createIndex('ratings_movie_id_idx').on('ratings').column('movie_id').execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('movie_id', 'integer', (col) => col.notNull().references('movies.id').onDelete('cascade'))
    .addColumn('tag', 'text', (col) => col.notNull())
    .addColumn('tagged_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('tags_movie_id_idx').on('tags').column('movie_id').execute();

  await db.schema
    .createTable('dataset_imports')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('data_version', 'text', (col) => col.notNull())
    .addColumn('movies', 'integer', (col) => col.notNull())
    .addColumn('links', 'integer', (col) => col.notNull())
    .addColumn('ratings', 'integer', (col) => col.notNull())
    .addColumn('tags', 'integer', (col) => col.notNull())
    .addColumn('users', 'integer', (col) => col.notNull())
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['dataset_imports', 'tags', 'ratings', 'links', 'movies', 'users']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`DROP SEQUENCE visitor_id_seq`.execute(db);
}
