import { sql, type Kysely } from 'kysely';
import type { DatabaseConnection } from '@/db/client';
import type { DB } from '@/db/schema';
import {
  listUserIds,
  MovieLensDataError,
  parseLinksCsv,
  parseMoviesCsv,
  parseRatingsCsv,
  parseTagsCsv,
  readMovieLensFiles,
  type MovieLensDataset,
} from '@/lib/movielens';
import { linksCopyText, moviesCopyText, ratingsCopyText, tagsCopyText, usersCopyText } from './copy-text';
import { MovieLensImportError } from './errors';
import { inTransaction, type ImportSession } from './session';

export interface ImportCounts {
  movies: number;
  links: number;
  ratings: number;
  tags: number;
  users: number;
}

export type ImportProgress =
  | { step: 'parsed'; file: string; rows: number; ms: number }
  | { step: 'loaded'; table: string; rows: number; ms: number };

export interface ImportOptions {
  /** A MovieLens folder (movies.csv, links.csv, ratings.csv, tags.csv). */
  dir: string;
  /**
   * Swap a different MovieLens dataset already in the database for this one. Visitors are kept, with their
   * ratings of movies that are still in the new data; everything of the old MovieLens users goes.
   */
  replace?: boolean;
  onProgress?: (event: ImportProgress) => void;
}

export interface ImportResult {
  /** imported: into an empty database; replaced: swapped a different dataset; unchanged: the same data was there. */
  action: 'imported' | 'replaced' | 'unchanged';
  dataVersion: string;
  counts: ImportCounts;
}

/** True when no movies are loaded (what first start checks before importing the bundled data). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('movies').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Imports a MovieLens folder: validates every row, then loads everything with COPY in ONE transaction, so a bad
 * row or a failure leaves the database exactly as it was. Importing the same data again does nothing; a different
 * dataset on a non-empty database is refused unless `replace`. Throws MovieLensImportError (one clear line) for
 * bad data or a refused import.
 */
export async function importMovieLens(connection: DatabaseConnection, options: ImportOptions): Promise<ImportResult> {
  const { dir, replace = false, onProgress } = options;
  const { files, dataVersion } = withDataErrors(() => readMovieLensFiles(dir));
  const previous = await latestImport(connection.db);
  if (previous?.data_version === dataVersion && !(await isDatabaseEmpty(connection.db))) {
    return { action: 'unchanged', dataVersion, counts: countsOf(previous) };
  }

  const dataset = withDataErrors(() => parseFiles(files, onProgress));
  const userIds = listUserIds(dataset);
  const counts: ImportCounts = {
    movies: dataset.movies.length,
    links: dataset.links.length,
    ratings: dataset.ratings.length,
    tags: dataset.tags.length,
    users: userIds.length,
  };

  return inTransaction(connection, async (session) => {
    // Two servers starting at once on one PostgreSQL database must not both import.
    if (connection.kind === 'postgresql') await session.query('LOCK TABLE dataset_imports IN SHARE ROW EXCLUSIVE MODE');
    const [state] = await session.query<{ movies: number; version: string | null }>(
      `SELECT (SELECT count(*) FROM movies)::int AS movies,
              (SELECT data_version FROM dataset_imports ORDER BY id DESC LIMIT 1) AS version`,
    );
    const hasData = Number(state?.movies ?? 0) > 0;
    if (hasData && state?.version === dataVersion) return { action: 'unchanged' as const, dataVersion, counts };
    if (hasData && !replace) {
      throw new MovieLensImportError(
        `the database already holds a different MovieLens dataset (data version ${short(state?.version)}, this folder is ${short(dataVersion)}): ` +
          'nothing was changed; run the import with --replace to swap it (visitors and their ratings of remaining movies are kept)',
      );
    }
    const timed = async (table: string, rows: number, load: () => Promise<void>) => {
      const start = performance.now();
      await load();
      onProgress?.({ step: 'loaded', table, rows, ms: performance.now() - start });
    };
    // Movies first and with the triggers on: replacing deletes, which cascade through foreign-key triggers
    // (a fresh COPY into movies fires none: movies references nothing).
    await timed('movies', counts.movies, () =>
      hasData ? replaceMovies(session, dataset) : session.copy('movies', MOVIE_COLUMNS, moviesCopyText(dataset.movies)),
    );
    await skipForeignKeyTriggers(session);
    await timed('users', counts.users, () => session.copy('users', ['id', 'kind'], usersCopyText(userIds)));
    await timed('links', counts.links, () => session.copy('links', ['movie_id', 'imdb_id', 'tmdb_id'], linksCopyText(dataset.links)));
    await timed('ratings', counts.ratings, () =>
      withoutSecondaryIndexes(session, 'ratings', () =>
        session.copy('ratings', ['user_id', 'movie_id', 'rating', 'rated_at'], ratingsCopyText(dataset.ratings)),
      ),
    );
    await timed('tags', counts.tags, () => session.copy('tags', ['user_id', 'movie_id', 'tag', 'tagged_at'], tagsCopyText(dataset.tags)));
    await session.query(
      `INSERT INTO dataset_imports (source, data_version, movies, links, ratings, tags, users) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [dir, dataVersion, counts.movies, counts.links, counts.ratings, counts.tags, counts.users],
    );
    return { action: hasData ? ('replaced' as const) : ('imported' as const), dataVersion, counts };
  });
}

function parseFiles(files: ReturnType<typeof readMovieLensFiles>['files'], onProgress: ImportOptions['onProgress']): MovieLensDataset {
  const timed = <T extends unknown[]>(file: string, parse: () => T): T => {
    const start = performance.now();
    const rows = parse();
    onProgress?.({ step: 'parsed', file, rows: rows.length, ms: performance.now() - start });
    return rows;
  };
  const movies = timed('movies.csv', () => parseMoviesCsv(files['movies.csv']));
  const movieIds = new Set(movies.map((movie) => movie.movieId));
  return {
    movies,
    links: timed('links.csv', () => parseLinksCsv(files['links.csv'], movieIds)),
    ratings: timed('ratings.csv', () => parseRatingsCsv(files['ratings.csv'], movieIds)),
    tags: timed('tags.csv', () => parseTagsCsv(files['tags.csv'], movieIds)),
  };
}

const MOVIE_COLUMNS = ['id', 'title', 'year', 'genres'];

/**
 * --replace: removes the old MovieLens users (their ratings and tags go by cascade) and links, and swaps the movies
 * in place, so that visitors' ratings of movies that stay survive and those of movies that go are removed.
 */
async function replaceMovies(session: ImportSession, dataset: MovieLensDataset): Promise<void> {
  await session.query(`DELETE FROM users WHERE kind = 'movielens'`);
  await session.query('DELETE FROM links');
  await session.query('CREATE TEMP TABLE movies_import (LIKE movies) ON COMMIT DROP');
  await session.copy('movies_import', MOVIE_COLUMNS, moviesCopyText(dataset.movies));
  await session.query('DELETE FROM movies WHERE id NOT IN (SELECT id FROM movies_import)');
  await session.query(
    `INSERT INTO movies (id, title, year, genres) SELECT id, title, year, genres FROM movies_import
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, year = excluded.year, genres = excluded.genres`,
  );
}

/**
 * Every reference was checked while parsing (ratings, tags and links against movies.csv; users are derived from
 * ratings and tags), so the per-row foreign-key triggers would only repeat that work, at 3-4x the cost of the COPY
 * itself (ratings into PGlite: ~4.5 s with them, ~1 s without). `session_replication_role = replica` skips them for
 * this transaction only. It needs a superuser (PGlite always is); elsewhere the triggers simply run.
 */
async function skipForeignKeyTriggers(session: ImportSession): Promise<void> {
  const [row] = await session.query<{ superuser: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS superuser`);
  if (row?.superuser) await session.query('SET LOCAL session_replication_role = replica');
}

/**
 * Runs `load` with the table's plain indexes (not those behind a primary key or unique constraint) dropped, then
 * recreates them from their own definitions: one sorted build is about half the work of 100,000 random inserts
 * into ratings_movie_id_idx (PGlite: ~0.55 s of CPU instead of ~1 s). All inside the import's transaction, so a
 * failure restores them; PostgreSQL readers of the table wait for the commit meanwhile.
 */
async function withoutSecondaryIndexes(session: ImportSession, table: string, load: () => Promise<void>): Promise<void> {
  const indexes = await session.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))`,
    [table],
  );
  for (const index of indexes) await session.query(`DROP INDEX ${quoteIdent(index.name)}`);
  await load();
  for (const index of indexes) await session.query(index.definition);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function latestImport(db: Kysely<DB>) {
  return db.selectFrom('dataset_imports').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

function countsOf(row: ImportCounts): ImportCounts {
  return { movies: row.movies, links: row.links, ratings: row.ratings, tags: row.tags, users: row.users };
}

function short(version: string | null | undefined): string {
  return version ? `${version.slice(0, 12)}…` : 'unknown';
}

function withDataErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof MovieLensDataError) throw new MovieLensImportError(error.message, { cause: error });
    throw error;
  }
}
