import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import type { ExportedMovie, ProfileExport, RestoredProfile } from '@/lib/profile-export/format';
import { MARKS_CLEARED_BY_RATING } from './movie-marks';

/**
 * A visitor's profile out (export) and back in (restore, merged into whatever this browser already has).
 * Times are compared to the millisecond: an export carries milliseconds while the database keeps microseconds,
 * and a rating exported and restored into the same profile must count as the same rating, not an older one.
 */

/** Everything a visitor has, with each movie's ids and title, ratings most recent first. */
export async function loadProfileExport(db: Kysely<DB>, userId: number): Promise<ProfileExport> {
  const movieColumns = ['movies.id', 'movies.title', 'movies.year', 'links.imdb_id', 'links.tmdb_id'] as const;
  const [ratings, marks, now] = await Promise.all([
    db
      .selectFrom('ratings')
      .innerJoin('movies', 'movies.id', 'ratings.movie_id')
      .leftJoin('links', 'links.movie_id', 'movies.id')
      .select([...movieColumns, 'ratings.rating', 'ratings.rated_at'])
      .where('ratings.user_id', '=', userId)
      // To the millisecond, as the file keeps times: a restored profile exports in the same order.
      .orderBy(sql`date_trunc('milliseconds', ratings.rated_at)`, 'desc')
      .orderBy('movies.id')
      .execute(),
    db
      .selectFrom('movie_marks')
      .innerJoin('movies', 'movies.id', 'movie_marks.movie_id')
      .leftJoin('links', 'links.movie_id', 'movies.id')
      .select([...movieColumns, 'movie_marks.mark', 'movie_marks.marked_at'])
      .where('movie_marks.user_id', '=', userId)
      .orderBy('movie_marks.mark')
      .orderBy(sql`date_trunc('milliseconds', movie_marks.marked_at)`, 'desc')
      .orderBy('movies.id')
      .execute(),
    sql<{ now: Date }>`SELECT now() AS now`.execute(db),
  ]);
  const movie = (row: { id: number; title: string; year: number | null; imdb_id: string | null; tmdb_id: number | null }): ExportedMovie => ({
    movieId: row.id,
    title: row.title,
    year: row.year,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
  });
  return {
    exportedAt: now.rows[0]?.now ?? new Date(),
    ratings: ratings.map((row) => ({ ...movie(row), rating: Number(row.rating), ratedAt: row.rated_at })),
    marks: marks.map((row) => ({ ...movie(row), mark: row.mark, markedAt: row.marked_at })),
  };
}

/** What a restore would do, before anything is written. */
export interface RestorePreview {
  ratings: { total: number; new: number; newer: number; olderOrSame: number };
  marks: { watchlist: number; hidden: number; unseen: number; new: number };
  /** Movie ids the catalogue does not have (skipped), ascending. */
  unknownMovieIds: number[];
}

const truncatedToMs = (date: Date) => Math.floor(date.getTime());

async function knownMovieIds(db: Kysely<DB>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('movies')
    .select('id')
    .where('id', '=', sql<number>`ANY(${[...new Set(ids)]}::int[])`)
    .execute();
  return new Set(rows.map((row) => row.id));
}

async function currentState(db: Kysely<DB>, userId: number | null) {
  if (userId === null) return { ratedAt: new Map<number, number>(), marks: new Set<string>() };
  const [ratings, marks] = await Promise.all([
    db.selectFrom('ratings').select(['movie_id', 'rated_at']).where('user_id', '=', userId).execute(),
    db.selectFrom('movie_marks').select(['movie_id', 'mark']).where('user_id', '=', userId).execute(),
  ]);
  return {
    ratedAt: new Map(ratings.map((row) => [row.movie_id, truncatedToMs(row.rated_at)])),
    marks: new Set(marks.map((row) => `${row.mark}:${row.movie_id}`)),
  };
}

/** The merge rule, in one place for the preview and the write: a rating wins only when strictly newer. */
function plan(profile: RestoredProfile, known: Set<number>, state: Awaited<ReturnType<typeof currentState>>) {
  const ratings = profile.ratings.filter((r) => known.has(r.movieId));
  const written = ratings.filter((r) => {
    const stored = state.ratedAt.get(r.movieId);
    return stored === undefined || r.ratedAt.getTime() > stored;
  });
  const ratedAfter = new Set([...state.ratedAt.keys(), ...written.map((r) => r.movieId)]);
  // A rated movie is off the watchlist and out of "haven't seen it" (upsertRating's rule): restoring one of those
  // marks onto a movie rated here would undo it.
  const marks = profile.marks.filter(
    (m) =>
      known.has(m.movieId) &&
      !state.marks.has(`${m.mark}:${m.movieId}`) &&
      !((MARKS_CLEARED_BY_RATING as readonly string[]).includes(m.mark) && ratedAfter.has(m.movieId)),
  );
  return { ratings, written, marks };
}

async function analyse(db: Kysely<DB>, userId: number | null, profile: RestoredProfile) {
  const ids = [...profile.ratings, ...profile.marks].map((item) => item.movieId);
  const known = await knownMovieIds(db, ids);
  const state = await currentState(db, userId);
  const { ratings, written, marks } = plan(profile, known, state);
  const isNew = (r: { movieId: number }) => !state.ratedAt.has(r.movieId);
  const count = (mark: string) => profile.marks.filter((m) => m.mark === mark && known.has(m.movieId)).length;
  const preview: RestorePreview = {
    ratings: {
      total: ratings.length,
      new: written.filter(isNew).length,
      newer: written.filter((r) => !isNew(r)).length,
      olderOrSame: ratings.length - written.length,
    },
    marks: { watchlist: count('watchlist'), hidden: count('hidden'), unseen: count('unseen'), new: marks.length },
    unknownMovieIds: [...new Set(ids.filter((id) => !known.has(id)))].sort((a, b) => a - b),
  };
  return { preview, written, marks };
}

/** What restoreProfile would do for this visitor (null: a browser with no profile yet), writing nothing. */
export async function previewRestore(
  db: Kysely<DB>,
  userId: number | null,
  profile: RestoredProfile,
): Promise<RestorePreview> {
  return (await analyse(db, userId, profile)).preview;
}

const CHUNK = 2000;

/**
 * Merges an export into a profile in one transaction (all or nothing): new ratings are added, a stored rating is
 * replaced only by a strictly newer one (which also clears the movie's watchlist and "haven't seen it" marks),
 * marks are added with their own times. Movies not in the catalogue are skipped. Returns the preview it applied.
 */
export async function restoreProfile(
  db: Kysely<DB>,
  userId: number,
  profile: RestoredProfile,
): Promise<RestorePreview> {
  return db.transaction().execute(async (trx) => {
    // Locks this visitor's rows against a rating saved in another tab between the plan and the write.
    await sql`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`.execute(trx);
    const { preview, written, marks } = await analyse(trx, userId, profile);
    for (let i = 0; i < written.length; i += CHUNK) {
      const chunk = written.slice(i, i + CHUNK);
      await trx
        .insertInto('ratings')
        .values(
          chunk.map((r) => ({
            user_id: userId,
            movie_id: r.movieId,
            rating: r.rating,
            // A file's time is never later than now: a later click on the site must still win.
            rated_at: sql<Date>`least(${r.ratedAt}::timestamptz, now())`,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'movie_id'])
            .doUpdateSet((eb) => ({ rating: eb.ref('excluded.rating'), rated_at: eb.ref('excluded.rated_at') }))
            .where(sql<boolean>`date_trunc('milliseconds', ratings.rated_at) < excluded.rated_at`),
        )
        .execute();
      await trx
        .deleteFrom('movie_marks')
        .where('user_id', '=', userId)
        .where('mark', 'in', MARKS_CLEARED_BY_RATING)
        .where('movie_id', '=', sql<number>`ANY(${chunk.map((r) => r.movieId)}::int[])`)
        .execute();
    }
    for (let i = 0; i < marks.length; i += CHUNK) {
      await trx
        .insertInto('movie_marks')
        .values(
          marks.slice(i, i + CHUNK).map((m) => ({ user_id: userId, movie_id: m.movieId, mark: m.mark, marked_at: m.markedAt })),
        )
        .onConflict((oc) => oc.columns(['user_id', 'mark', 'movie_id']).doNothing())
        .execute();
    }
    return preview;
  });
}
