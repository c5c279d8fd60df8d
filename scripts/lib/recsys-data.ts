/** MovieLens CSVs for the recsys scripts, read by the import's reader (lib/movielens): one reader, one validation. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseMoviesCsv } from '../../lib/movielens';
import { readRatingColumns } from '../../lib/movielens/columns';
import type { RatingColumns } from '../../lib/recsys/matrix';

/**
 * Reads a ratings.csv into parallel arrays with the import's reader (lib/movielens): the same validation, and a bad
 * row is a MovieLensDataError naming the file and the line (runCli prints it as one line).
 */
export function readRatingsCsv(path: string): RatingColumns & { timestamps: Float64Array } {
  return readRatingColumns(path);
}

/**
 * Reads movies.csv into a map id → {title, genres} with the import's reader (validated; genres joined with "|" as
 * released, "(no genres listed)" as "").
 */
export function readMoviesCsv(path: string): Map<number, { title: string; genres: string }> {
  const movies = parseMoviesCsv(readFileSync(path), basename(path));
  return new Map(
    movies.map((movie) => [movie.movieId, { title: movie.title, genres: movie.genres.join('|') }]),
  );
}
