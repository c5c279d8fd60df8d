import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** Row counts of the database, for /api/health and the import summary. */
export interface DatabaseCounts {
  movies: number;
  links: number;
  ratings: number;
  tags: number;
  /** MovieLens users (kind 'movielens'). */
  users: number;
  /** Site visitors (kind 'visitor'). */
  visitors: number;
}

/** One round trip; count(*) is a string from pg and a number from PGlite, hence Number(). */
export async function getDatabaseCounts(db: Kysely<DB>): Promise<DatabaseCounts> {
  const { rows } = await sql<Record<keyof DatabaseCounts, string | number>>`
    SELECT (SELECT count(*) FROM movies) AS movies,
           (SELECT count(*) FROM links) AS links,
           (SELECT count(*) FROM ratings) AS ratings,
           (SELECT count(*) FROM tags) AS tags,
           (SELECT count(*) FROM users WHERE kind = 'movielens') AS users,
           (SELECT count(*) FROM users WHERE kind = 'visitor') AS visitors`.execute(db);
  const row = rows[0];
  return {
    movies: Number(row?.movies ?? 0),
    links: Number(row?.links ?? 0),
    ratings: Number(row?.ratings ?? 0),
    tags: Number(row?.tags ?? 0),
    users: Number(row?.users ?? 0),
    visitors: Number(row?.visitors ?? 0),
  };
}
