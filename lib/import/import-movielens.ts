import { sql, type Kysely } from 'kysely';
import type { DatabaseConnection } from '@/db/client';
import type { DB } from '@/db/schema';
import {
  findDuplicateRatingLine,
  findMovieLensFiles,
  FIRST_VISITOR_ID,
  hashInputs,
  linkBatches,
  MovieLensDataError,
  movieBatches,
  ratingBatches,
  tagBatches,
  type MovieLensFiles,
  type MovieRow,
} from '@/lib/movielens';
import { linksCopyText, moviesCopyText, ratingsCopyText, tagsCopyText, usersCopyText } from './copy-text';
import { MovieLensImportError } from './errors';
import { inTransaction, type RawSession } from '@/db/raw-session';

export interface ImportCounts {
  movies: number;
  links: number;
  ratings: number;
  tags: number;
  users: number;
}

export type ImportProgress =
  | { step: 'parsed'; file: string; rows: number; ms: number }
  | { step: 'loaded'; table: string; rows: number; ms: number }
  | { step: 'reading'; file: string; rows: number };

export interface ImportOptions {
  /** A MovieLens folder: ml-latest (movies.csv, links.csv, ratings.csv, tags.csv), ml-100k, ml-1m or ml-10m. */
  dir: string;
  /**
   * Swap a different MovieLens dataset already in the database for this one. Visitors are kept, with all their
   * ratings and movie marks: those of movies the new data drops are archived and come back with the movie.
   */
  replace?: boolean;
  /** With replace: accept new data that would remove most of the catalogue or of the MovieLens ratings. */
  force?: boolean;
  onProgress?: (event: ImportProgress) => void;
}

export interface ImportResult {
  /** imported: into an empty database; replaced: swapped a different dataset; unchanged: the same data was there. */
  action: 'imported' | 'replaced' | 'unchanged';
  dataVersion: string;
  counts: ImportCounts;
}

/** A replacement keeping less than this share of the movies or of the MovieLens ratings needs --force. */
const SHRINK_GUARD = 0.5;
/** COPY statements of about this much text. */
const COPY_TEXT_BYTES = 1 << 20;
/** A 'reading' progress event every this many rows of a file. */
const PROGRESS_ROWS = 1_000_000;

/** True when no movies are loaded (what first start checks before importing the bundled data). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('movies')
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/**
 * Imports a MovieLens folder, streamed: every file is read, validated and COPYed a batch at a time (memory does not
 * grow with the file), all in ONE transaction, so a bad row or a failure leaves the database exactly as it was.
 * Importing the same data again does nothing; a different dataset on a non-empty database is refused unless
 * `replace`, and a replacement that would remove most of the data unless `force`. Throws MovieLensImportError
 * (one clear line) for bad data or a refused import.
 */
export async function importMovieLens(
  connection: DatabaseConnection,
  options: ImportOptions,
): Promise<ImportResult> {
  const { dir, replace = false, force = false, onProgress } = options;
  return withDataErrors(async () => {
    const files = findMovieLensFiles(dir);
    const dataVersion = hashInputs(files.inputs);
    const previous = await latestImport(connection.db);
    if (previous?.data_version === dataVersion && !(await isDatabaseEmpty(connection.db))) {
      return { action: 'unchanged', dataVersion, counts: countsOf(previous) };
    }
    // Movies are read whole first (87,000 in the largest release): every other file is checked against their ids.
    const start = performance.now();
    const movies = [...movieBatches(files)].flat();
    onProgress?.({
      step: 'parsed',
      file: files.movies.name,
      rows: movies.length,
      ms: performance.now() - start,
    });
    const movieIds = new Set(movies.map((movie) => movie.movieId));

    return inTransaction(connection, async (session) => {
      // Two servers starting at once on one PostgreSQL database must not both import.
      if (connection.kind === 'postgresql')
        await session.query('LOCK TABLE dataset_imports IN SHARE ROW EXCLUSIVE MODE');
      const [state] = await session.query<{ movies: number; version: string | null; ratings: number | null }>(
        `SELECT (SELECT count(*) FROM movies)::int AS movies, d.data_version AS version, d.ratings
           FROM (SELECT 1) one LEFT JOIN (SELECT * FROM dataset_imports ORDER BY id DESC LIMIT 1) d ON true`,
      );
      const before = {
        movies: Number(state?.movies ?? 0),
        ratings: state?.ratings === null || state?.ratings === undefined ? 0 : Number(state.ratings),
      };
      const hasData = before.movies > 0;
      if (hasData && state?.version === dataVersion)
        return { action: 'unchanged' as const, dataVersion, counts: await countRows(session) };
      if (hasData && !replace) {
        throw new MovieLensImportError(
          `the database already holds a different MovieLens dataset (data version ${short(state?.version)}, this folder is ${short(dataVersion)}): ` +
            'nothing was changed; run the import with --replace to swap it (visitors and their ratings are kept)',
        );
      }
      if (hasData && !force) guardShrink('movies', movies.length, before.movies);
      const load = new Loader(session, onProgress);
      await load.timed('movies', movies.length, () =>
        hasData ? replaceMovies(session, movies) : load.copyMovies(movies),
      );
      await restoreArchived(session);
      load.checksForeignKeys = !(await skipForeignKeyTriggers(session));
      const copy = (table: string, columns: string[]) => (text: string) => session.copy(table, columns, text);
      const links = await load.stream(
        files.links?.name,
        'links',
        linkBatches(files, movieIds),
        linksCopyText,
        copy('links', ['movie_id', 'imdb_id', 'tmdb_id']),
      );
      const ratings = await withoutSecondaryIndexes(session, 'ratings', () =>
        load.stream(
          files.ratings.name,
          'ratings',
          ratingBatches(files, movieIds),
          ratingsCopyText,
          (text) => copyRatings(session, files, text),
          true,
        ),
      );
      if (hasData && !force) guardShrink('MovieLens ratings', ratings, before.ratings);
      const tags = await load.stream(
        files.tags?.name,
        'tags',
        tagBatches(files, movieIds),
        tagsCopyText,
        copy('tags', ['user_id', 'movie_id', 'tag', 'tagged_at']),
        true,
      );
      await load.flushUsers();
      // The planner's statistics of what was just loaded, in the same transaction: autovacuum may be off or not
      // there yet, and a 32M-row table without them is planned as if it were small (the health check's count of
      // visitors' ratings scanned every rating: 1.4 s instead of 12 ms). ANALYZE samples: 0.75 s at 32M.
      await session.query('ANALYZE movies, links, ratings, tags, users');
      const counts: ImportCounts = { movies: movies.length, links, ratings, tags, users: load.userCount };
      await session.query(
        `INSERT INTO dataset_imports (source, data_version, movies, links, ratings, tags, users) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [files.dir, dataVersion, counts.movies, counts.links, counts.ratings, counts.tags, counts.users],
      );
      return { action: hasData ? ('replaced' as const) : ('imported' as const), dataVersion, counts };
    });
  });
}

/** Refuses (before anything is committed) a replacement that keeps less than half of what the database had. */
function guardShrink(what: string, after: number, before: number): void {
  if (before > 0 && after < before * SHRINK_GUARD) {
    const format = (n: number) => n.toLocaleString('en-US');
    throw new MovieLensImportError(
      `the new data has ${format(after)} ${what} where the database has ${format(before)}: a replacement that removes most of the data ` +
        'looks like a truncated download, so nothing was changed; if it is intended, run the import again with --replace --force',
    );
  }
}

/** Batched COPY of each file, with the MovieLens users added as they appear, and per-file timings. */
class Loader {
  /** seen[id] = 1 once MovieLens user id has a users row (ids are below FIRST_VISITOR_ID: 1 MB). */
  private readonly seen = new Uint8Array(FIRST_VISITOR_ID);
  private added: number[] = [];
  userCount = 0;
  /** False once skipForeignKeyTriggers turned the checks off for the transaction. */
  checksForeignKeys = true;

  constructor(
    private readonly session: RawSession,
    private readonly onProgress: ImportOptions['onProgress'],
  ) {}

  async timed(table: string, rows: number, work: () => Promise<void>): Promise<void> {
    const start = performance.now();
    await work();
    this.onProgress?.({ step: 'loaded', table, rows, ms: performance.now() - start });
  }

  async copyMovies(movies: readonly MovieRow[]): Promise<void> {
    await this.session.copy('movies', MOVIE_COLUMNS, moviesCopyText(movies));
  }

  /**
   * Reads `batches` (timed as parsing) and COPYs their text (timed as loading) about 1 MB at a time; returns the row
   * count. Batches are small (a few thousand rows, so that rows die young and garbage collection stays cheap); their
   * COPY text is gathered into fewer, larger statements. The next text is built while the server loads the
   * previous one (on PostgreSQL, two cores at work).
   */
  async stream<T>(
    file: string | undefined,
    table: string,
    batches: Iterator<T[]>,
    toText: (batch: T[]) => string,
    copy: (text: string) => Promise<void>,
    hasUsers = false,
  ): Promise<number> {
    if (file === undefined) return 0;
    let rows = 0;
    let parseMs = 0;
    let loadMs = 0;
    let nextReport = PROGRESS_ROWS;
    let inFlight: Promise<void> | undefined;
    let parts: string[] = [];
    let size = 0;
    const flush = async () => {
      let start = performance.now();
      if (inFlight) await inFlight;
      loadMs += performance.now() - start;
      if (parts.length === 0) return;
      const text = parts.join('');
      parts = [];
      size = 0;
      start = performance.now();
      inFlight = (async () => {
        if (hasUsers && this.checksForeignKeys) await this.flushUsers();
        await copy(text);
      })();
      inFlight.catch(() => undefined); // awaited by the next flush; this only keeps a failure from counting as unhandled meanwhile
      await new Promise(setImmediate); // lets the COPY's bytes go out before the next parse holds the thread
      loadMs += performance.now() - start;
    };
    for (;;) {
      const start = performance.now();
      const next = batches.next();
      if (next.done) break;
      if (hasUsers) this.noteUsers(next.value as { userId: number }[]);
      const text = toText(next.value);
      parseMs += performance.now() - start;
      parts.push(text);
      size += text.length;
      rows += next.value.length;
      if (size >= COPY_TEXT_BYTES) await flush();
      if (rows >= nextReport) {
        this.onProgress?.({ step: 'reading', file, rows });
        nextReport += PROGRESS_ROWS;
      }
    }
    await flush();
    await flush(); // waits for the last COPY
    this.onProgress?.({ step: 'parsed', file, rows, ms: parseMs });
    this.onProgress?.({ step: 'loaded', table, rows, ms: loadMs });
    return rows;
  }

  /**
   * Notes the users of `rows` not seen before. Where foreign keys are checked they are inserted before the COPY of
   * their rows; where the checks are skipped, all at the end, so that a COPY of ratings is one statement.
   */
  private noteUsers(rows: readonly { userId: number }[]): void {
    for (const { userId } of rows) {
      if (this.seen[userId]) continue;
      this.seen[userId] = 1;
      this.added.push(userId);
    }
  }

  async flushUsers(): Promise<void> {
    // Taken before the COPY: the next batches note their users meanwhile.
    const ids = this.added.sort((a, b) => a - b);
    this.added = [];
    if (ids.length === 0) return;
    this.userCount += ids.length;
    await this.session.copy('users', ['id', 'kind'], usersCopyText(ids));
  }
}

/**
 * COPY of a batch of ratings. A repeated (user, movie) of an unsorted file is found by the primary key, whose
 * error names the pair: the file is read again to name the line.
 */
async function copyRatings(session: RawSession, files: MovieLensFiles, text: string): Promise<void> {
  try {
    await session.copy('ratings', ['user_id', 'movie_id', 'rating', 'rated_at'], text);
  } catch (error) {
    const { code, detail } = error as { code?: string; detail?: string };
    const pair = code === '23505' ? /\(user_id, movie_id\)=\((\d+), (\d+)\)/.exec(detail ?? '') : null;
    if (!pair) throw error;
    const [userId, movieId] = [Number(pair[1]), Number(pair[2])];
    throw new MovieLensDataError(
      files.ratings.name,
      findDuplicateRatingLine(files, userId, movieId),
      `user ${userId} rated movie ${movieId} twice`,
    );
  }
}

const MOVIE_COLUMNS = ['id', 'title', 'year', 'genres'];

/**
 * --replace: removes the old MovieLens users (their ratings and tags go by cascade) and links, archives visitors'
 * ratings and movie marks of movies that go (archived_ratings, archived_movie_marks: nothing of a visitor is
 * lost to the cascade), and swaps the movies in place.
 */
async function replaceMovies(session: RawSession, movies: readonly MovieRow[]): Promise<void> {
  await session.query(`DELETE FROM users WHERE kind = 'movielens'`);
  await session.query('DELETE FROM links');
  await session.query('CREATE TEMP TABLE movies_import (LIKE movies) ON COMMIT DROP');
  await session.copy('movies_import', MOVIE_COLUMNS, moviesCopyText(movies));
  const gone = 'NOT EXISTS (SELECT 1 FROM movies_import m WHERE m.id = x.movie_id)';
  await session.query(
    `INSERT INTO archived_ratings (user_id, movie_id, rating, rated_at) SELECT user_id, movie_id, rating, rated_at FROM ratings x WHERE ${gone}
     ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at, archived_at = now()`,
  );
  await session.query(
    `INSERT INTO archived_movie_marks (user_id, movie_id, mark, marked_at) SELECT user_id, movie_id, mark, marked_at FROM movie_marks x WHERE ${gone}
     ON CONFLICT (user_id, mark, movie_id) DO UPDATE SET marked_at = excluded.marked_at, archived_at = now()`,
  );
  await session.query('DELETE FROM movies WHERE id NOT IN (SELECT id FROM movies_import)');
  await session.query(
    `INSERT INTO movies (id, title, year, genres) SELECT id, title, year, genres FROM movies_import
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, year = excluded.year, genres = excluded.genres`,
  );
}

/** Moves archived visitors' rows of movies that are in the catalogue again back where the site reads them. */
async function restoreArchived(session: RawSession): Promise<void> {
  await session.query(
    `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
     SELECT a.user_id, a.movie_id, a.rating, a.rated_at FROM archived_ratings a JOIN movies m ON m.id = a.movie_id
     ON CONFLICT (user_id, movie_id) DO NOTHING`,
  );
  await session.query('DELETE FROM archived_ratings a USING movies m WHERE m.id = a.movie_id');
  await session.query(
    `INSERT INTO movie_marks (user_id, movie_id, mark, marked_at)
     SELECT a.user_id, a.movie_id, a.mark, a.marked_at FROM archived_movie_marks a JOIN movies m ON m.id = a.movie_id
     ON CONFLICT (user_id, mark, movie_id) DO NOTHING`,
  );
  await session.query('DELETE FROM archived_movie_marks a USING movies m WHERE m.id = a.movie_id');
}

async function countRows(session: RawSession): Promise<ImportCounts> {
  const [row] = await session.query<Record<keyof ImportCounts, number>>(
    `SELECT movies, links, ratings, tags, users FROM dataset_imports ORDER BY id DESC LIMIT 1`,
  );
  return countsOf(row ?? { movies: 0, links: 0, ratings: 0, tags: 0, users: 0 });
}

/**
 * Every reference was checked while parsing (ratings, tags and links against movies.csv; users are derived from
 * ratings and tags), so the per-row foreign-key triggers would only repeat that work, at 3-4x the cost of the COPY
 * itself (ratings into PGlite: ~4.5 s with them, ~1 s without). `session_replication_role = replica` skips them for
 * this transaction only. It needs a superuser (PGlite always is); elsewhere the triggers simply run.
 */
async function skipForeignKeyTriggers(session: RawSession): Promise<boolean> {
  const [row] = await session.query<{ superuser: boolean }>(
    `SELECT current_setting('is_superuser') = 'on' AS superuser`,
  );
  if (row?.superuser) await session.query('SET LOCAL session_replication_role = replica');
  return row?.superuser === true;
}

/**
 * Runs `load` with the table's plain indexes (not those behind a primary key or unique constraint) dropped, then
 * recreates them from their own definitions: one sorted build is about half the work of 100,000 random inserts
 * into ratings_movie_id_idx (PGlite: ~0.55 s of CPU instead of ~1 s). All inside the import's transaction, so a
 * failure restores them; PostgreSQL readers of the table wait for the commit meanwhile.
 */
async function withoutSecondaryIndexes<T>(
  session: RawSession,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await session.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))`,
    [table],
  );
  for (const index of indexes) await session.query(`DROP INDEX ${quoteIdent(index.name)}`);
  const result = await load();
  for (const index of indexes) await session.query(index.definition);
  return result;
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

async function withDataErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MovieLensDataError) throw new MovieLensImportError(error.message, { cause: error });
    throw error;
  }
}
