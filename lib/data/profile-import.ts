import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';
import { indexCatalogue, type CatalogueIndex } from '@/lib/profile-import/match';
import { planImport, writesOf, type Choices, type ImportReport, type VisitorState } from '@/lib/profile-import/plan';
import type { ParsedUpload } from '@/lib/profile-import/read-export';
import { addMovieMarks } from './movie-marks';
import { upsertRating } from './ratings';

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
    for (const row of writes.ratings)
      await upsertRating(trx, {
        userId: input.userId,
        movieId: row.movieId,
        rating: row.rating,
        ...(row.date ? { ratedAt: new Date(row.date) } : {}),
      });
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
