import { sql, type Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { indexCatalogue, type CatalogueIndex } from '@/lib/profile-import/match';
import {
  planImport,
  writesOf,
  type Choices,
  type ImportReport,
  type PlannedRating,
  type VisitorState,
} from '@/lib/profile-import/plan';
import type { ParsedUpload } from '@/lib/profile-import/read-export';
import { addMovieMarks, MARKS_CLEARED_BY_RATING } from './movie-marks';

/** Every movie with its ids, as the import matches against it (about 10,000 rows for ml-latest-small). */
export async function loadImportCatalogue(db: Kysely<DB>): Promise<CatalogueIndex> {
  const rows = await db
    .selectFrom('movies')
    .leftJoin('links', 'links.movie_id', 'movies.id')
    .select(['movies.id', 'movies.title', 'movies.year', 'movies.genres', 'links.imdb_id', 'links.tmdb_id'])
    .execute();
  return indexCatalogue(
    rows.map((row) => ({ id: row.id, title: row.title, year: row.year, genres: row.genres, imdbId: row.imdb_id, tmdbId: row.tmdb_id })),
  );
}

/** The visitor's ratings and watchlist as the import plan compares against them (empty for no profile yet). */
export async function loadVisitorState(db: Kysely<DB>, userId: number | null): Promise<VisitorState> {
  if (userId === null) return { ratings: new Map(), watchlist: new Set() };
  const [ratings, watchlist] = await Promise.all([
    db.selectFrom('ratings').select(['movie_id', 'rating', 'rated_at']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('movie_marks')
      .select('movie_id')
      .where('user_id', '=', userId)
      .where('mark', '=', 'watchlist')
      .execute(),
  ]);
  return {
    ratings: new Map(ratings.map((row) => [row.movie_id, { rating: Number(row.rating), ratedAt: row.rated_at }])),
    watchlist: new Set(watchlist.map((row) => row.movie_id)),
  };
}

/**
 * Plans the import against the visitor's current profile and writes it, all in one transaction: the report it
 * returns is what was saved. Ratings without a date in the file are stamped with the time of the import.
 */
export async function saveProfileImport(
  db: Kysely<DB>,
  input: { userId: number; upload: ParsedUpload; catalogue: CatalogueIndex; choices: Choices },
): Promise<ImportReport> {
  return db.transaction().execute(async (trx) => {
    const report = planImport(input.upload, input.catalogue, await loadVisitorState(trx, input.userId), input.choices);
    const writes = writesOf(report);
    for (let start = 0; start < writes.ratings.length; start += BATCH)
      await upsertRatingBatch(trx, input.userId, writes.ratings.slice(start, start + BATCH));
    const byDate = new Map<string | null, number[]>();
    for (const row of writes.watchlist) byDate.set(row.date, [...(byDate.get(row.date) ?? []), row.movieId]);
    for (const [date, movieIds] of byDate)
      await addMovieMarks(trx, {
        userId: input.userId,
        mark: 'watchlist',
        movieIds,
        ...(date ? { markedAt: new Date(date) } : {}),
      });
    return report;
  });
}

/** Rows per statement: 1,000 ratings × 4 parameters stays far below PostgreSQL's 65,535 parameters. */
const BATCH = 1000;

/**
 * upsertRating (lib/data/ratings.ts) for many movies in two statements instead of one per movie (2,000 ratings:
 * about 2 s one by one on PGlite): the same rules — last write wins by rated_at, and a rated movie leaves the
 * watchlist and "haven't seen it". Undated rows get the database clock.
 */
async function upsertRatingBatch(db: Kysely<DB>, userId: number, rows: readonly PlannedRating[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .deleteFrom('movie_marks')
    .where('user_id', '=', userId)
    .where(
      'movie_id',
      'in',
      rows.map((row) => row.movieId),
    )
    .where('mark', 'in', MARKS_CLEARED_BY_RATING)
    .execute();
  await db
    .insertInto('ratings')
    .values(
      rows.map((row) => ({
        user_id: userId,
        movie_id: row.movieId,
        rating: row.rating,
        // Never in the future (a day read as UTC midnight can be ahead of the clock): a later click on the site
        // must still win under "last write wins".
        rated_at: row.date ? sql<Date>`least(${new Date(row.date)}::timestamptz, now())` : sql<Date>`now()`,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'movie_id'])
        .doUpdateSet((eb) => ({ rating: eb.ref('excluded.rating'), rated_at: eb.ref('excluded.rated_at') }))
        .where('ratings.rated_at', '<=', (eb) => eb.ref('excluded.rated_at')),
    )
    .execute();
}
