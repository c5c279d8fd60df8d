import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { DatabaseConnection } from '@/db/client';
import { COPY_HEADER, copyHeaderLength } from '@/db/binary-copy';
import { inTransaction } from '@/db/raw-session';
import type { MovieSummary } from './movies';

/** The MovieLens ratings a model is fitted on, as parallel typed arrays (what lib/recsys's matrix builder takes). */
export interface TrainingRatings {
  userIds: Int32Array;
  movieIds: Int32Array;
  ratings: Float32Array;
}

/** MovieLens users per COPY of the ratings load: ~160 ratings a user on average, a few million rows a COPY. */
const USERS_PER_CHUNK = 20_000;

/** The MovieLens data changed between reading its version and reading its ratings: the caller should start again. */
export class DataChangedError extends Error {}

/**
 * Every rating by a MovieLens user (visitors never enter training: their profiles are folded in at request time),
 * ordered by user then movie, as of the data version `expectedVersion` (else DataChangedError). Read by binary COPY
 * (26 bytes a rating, parsed straight into typed arrays: 32M ratings in seconds, where one `array_agg` query per
 * 2,000 users took 84 s and a single one a 1 GB string), in chunks of users so that PGlite never holds the whole
 * table in one result, all in one repeatable-read snapshot so that an import committing meanwhile is not half seen.
 */
export async function loadTrainingRatings(
  connection: DatabaseConnection,
  {
    expectedVersion,
    onProgress,
    usersPerChunk = USERS_PER_CHUNK,
  }: { expectedVersion?: string; onProgress?: (loaded: number) => void; usersPerChunk?: number } = {},
): Promise<TrainingRatings> {
  return inTransaction(
    connection,
    async (session) => {
    if (expectedVersion !== undefined) {
      const [row] = await session.query<{ data_version: string }>(
        'SELECT data_version FROM dataset_imports ORDER BY id DESC LIMIT 1',
      );
      if (row?.data_version !== expectedVersion)
        throw new DataChangedError('the MovieLens data changed while its ratings were being read');
    }
    const users = await session.query<{ id: number }>(
      "SELECT id FROM users WHERE kind = 'movielens' ORDER BY id",
    );
    const columns = new RatingColumnsBuilder();
    for (let start = 0; start < users.length; start += usersPerChunk) {
      const first = Number(users[start]?.id);
      const last = Number(users[Math.min(start + usersPerChunk, users.length) - 1]?.id);
      // Integers from our own query, not input: inlined because COPY takes no parameters.
      await session.copyOut(
        `COPY (SELECT r.user_id, r.movie_id, r.rating FROM ratings r JOIN users u ON u.id = r.user_id
               WHERE u.kind = 'movielens' AND r.user_id BETWEEN ${first} AND ${last}
               ORDER BY r.user_id, r.movie_id) TO STDOUT (FORMAT binary)`,
        (bytes) => columns.push(bytes),
      );
      columns.endOfCopy();
      onProgress?.(columns.length);
    }
    return columns.finish();
    },
    { isolation: 'repeatable read' },
  );
}

/**
 * Reads COPY's binary format of (int4, int4, float4) rows into growing typed arrays. Every row has the same 26
 * bytes (field count, then length + value for each field) when no field is NULL, which the schema guarantees; the
 * bytes arrive in pieces cut anywhere, so a partial row waits for the next piece.
 */
export class RatingColumnsBuilder {
  private userIds = new Int32Array(1 << 16);
  private movieIds = new Int32Array(1 << 16);
  private ratings = new Float32Array(1 << 16);
  length = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private headerRead = false;
  private ended = false;

  push(bytes: Uint8Array): void {
    let buffer = bytes;
    if (this.pending.length > 0) {
      buffer = new Uint8Array(this.pending.length + bytes.length);
      buffer.set(this.pending);
      buffer.set(bytes, this.pending.length);
    }
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < COPY_HEADER.length + 8) return void (this.pending = buffer.slice());
      at = copyHeaderLength(view);
      this.headerRead = true;
    }
    while (at + 2 <= buffer.length) {
      const fields = view.getInt16(at);
      if (fields === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (at + ROW_BYTES > buffer.length) break;
      if (fields !== 3 || view.getInt32(at + 2) !== 4 || view.getInt32(at + 10) !== 4 || view.getInt32(at + 18) !== 4)
        throw new Error('unexpected row in the binary COPY of ratings');
      this.reserve(this.length + 1);
      this.userIds[this.length] = view.getInt32(at + 6);
      this.movieIds[this.length] = view.getInt32(at + 14);
      this.ratings[this.length] = view.getFloat32(at + 22);
      this.length++;
      at += ROW_BYTES;
    }
    this.pending = buffer.slice(at);
  }

  /** One COPY is over: the next bytes start a new stream, with its own header. */
  endOfCopy(): void {
    if (!this.ended || this.pending.length > 0) throw new Error('the binary COPY of ratings ended early');
    this.headerRead = false;
    this.ended = false;
  }

  finish(): TrainingRatings {
    return {
      userIds: this.userIds.slice(0, this.length),
      movieIds: this.movieIds.slice(0, this.length),
      ratings: this.ratings.slice(0, this.length),
    };
  }

  private reserve(size: number): void {
    if (size <= this.userIds.length) return;
    const grown = Math.max(size, this.userIds.length * 2);
    const grow = <T extends Int32Array | Float32Array>(old: T, make: (n: number) => T): T => {
      const next = make(grown);
      next.set(old);
      return next;
    };
    this.userIds = grow(this.userIds, (n) => new Int32Array(n));
    this.movieIds = grow(this.movieIds, (n) => new Int32Array(n));
    this.ratings = grow(this.ratings, (n) => new Float32Array(n));
  }
}

const ROW_BYTES = 2 + 3 * (4 + 4);

/** What the engine keeps in memory about each movie: enough for filters, cards and explanations without a query. */
export type CatalogMovie = Pick<MovieSummary, 'id' | 'title' | 'year' | 'genres' | 'imdbId' | 'tmdbId'>;

/** Every movie with its links, by id. ~10k rows for ml-latest-small: one query at engine start. */
export async function listCatalogMovies(db: Kysely<DB>): Promise<CatalogMovie[]> {
  const rows = await db
    .selectFrom('movies')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select(['movies.id', 'movies.title', 'movies.year', 'movies.genres', 'links.imdb_id', 'links.tmdb_id'])
    .orderBy('movies.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    year: row.year,
    genres: row.genres,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
  }));
}

/** Which of `ids` are movies in the database (for validating API input before the catalog is loaded). */
export async function listExistingMovieIds(db: Kysely<DB>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('movies').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((row) => row.id));
}
