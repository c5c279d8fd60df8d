/** Reading MovieLens-format CSVs for the recsys scripts (ratings.csv: userId,movieId,rating,timestamp; CRLF or LF). */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readRatingColumns } from '../../lib/movielens/columns';
import type { RatingColumns } from '../../lib/recsys/matrix';

/**
 * Reads a ratings.csv into parallel arrays with the import's reader (lib/movielens): the same validation, and a bad
 * row is a MovieLensDataError naming the file and the line (runCli prints it as one line).
 */
export function readRatingsCsv(path: string): RatingColumns & { timestamps: Float64Array } {
  return readRatingColumns(path);
}

/** Reads movies.csv (movieId,title,genres; quoted titles) into a map id → {title, genres}. */
export function readMoviesCsv(path: string): Map<number, { title: string; genres: string }> {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as {
    movieId: string;
    title: string;
    genres: string;
  }[];
  return new Map(rows.map((r) => [Number(r.movieId), { title: r.title, genres: r.genres }]));
}
