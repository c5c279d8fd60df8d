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

/**
 * What a health check can afford at any size: the MovieLens rows (movies, links, tags, users, their ratings) are
 * written only by an import, which records how many it loaded, so they are read from the latest import instead of
 * counted (counting 32M ratings and 2M tags took 2–4 s a check); visitors and their ratings are counted. A database
 * with no recorded import (a hand-seeded one) is counted table by table. count(*) is a string from pg and a number
 * from PGlite, hence Number().
 */
export async function getDatabaseCounts(db: Kysely<DB>): Promise<DatabaseCounts> {
  const [visitors, imported] = await Promise.all([
    sql<{ visitors: string | number; visitor_ratings: string | number }>`
      SELECT (SELECT count(*) FROM users WHERE kind = 'visitor') AS visitors,
             (SELECT count(*) FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.kind = 'visitor') AS visitor_ratings`.execute(
      db,
    ),
    db
      .selectFrom('dataset_imports')
      .select(['movies', 'links', 'ratings', 'tags', 'users'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const live = visitors.rows[0];
  const movieLens = imported ?? (await countMovieLensRows(db));
  return {
    movies: Number(movieLens.movies),
    links: Number(movieLens.links),
    ratings: Number(movieLens.ratings) + Number(live?.visitor_ratings ?? 0),
    tags: Number(movieLens.tags),
    users: Number(movieLens.users),
    visitors: Number(live?.visitors ?? 0),
  };
}

async function countMovieLensRows(db: Kysely<DB>) {
  const { rows } = await sql<Record<'movies' | 'links' | 'ratings' | 'tags' | 'users', string | number>>`
    SELECT (SELECT count(*) FROM movies) AS movies,
           (SELECT count(*) FROM links) AS links,
           (SELECT count(*) FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.kind = 'movielens') AS ratings,
           (SELECT count(*) FROM tags) AS tags,
           (SELECT count(*) FROM users WHERE kind = 'movielens') AS users`.execute(db);
  return rows[0] ?? { movies: 0, links: 0, ratings: 0, tags: 0, users: 0 };
}
