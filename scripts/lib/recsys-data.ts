/** Reading MovieLens-format CSVs for the recsys scripts (ratings.csv: userId,movieId,rating,timestamp; CRLF or LF). */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { RatingColumns } from '../../lib/recsys/matrix';

/** Reads a ratings.csv into parallel arrays; throws an Error naming the file and line on a bad row. */
export function readRatingsCsv(path: string): RatingColumns & { timestamps: Float64Array } {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').trim();
  if (!header.startsWith('userId,movieId,rating')) throw new Error(`${path}: expected header userId,movieId,rating,..., got '${header}'`);
  const userIds = new Int32Array(lines.length);
  const movieIds = new Int32Array(lines.length);
  const ratings = new Float32Array(lines.length);
  const timestamps = new Float64Array(lines.length);
  let n = 0;
  for (let l = 1; l < lines.length; l++) {
    const line = lines[l] as string;
    if (line === '') continue;
    const [u, m, r, ts] = line.split(',');
    const user = Number(u);
    const movie = Number(m);
    const rating = Number(r);
    if (!Number.isInteger(user) || !Number.isInteger(movie) || !(rating >= 0.5 && rating <= 5)) {
      throw new Error(`${path}:${l + 1}: bad rating row '${line}'`);
    }
    userIds[n] = user;
    movieIds[n] = movie;
    ratings[n] = rating;
    timestamps[n] = Number(ts ?? 0);
    n++;
  }
  return { userIds: userIds.slice(0, n), movieIds: movieIds.slice(0, n), ratings: ratings.slice(0, n), timestamps: timestamps.slice(0, n) };
}

/** Reads movies.csv (movieId,title,genres; quoted titles) into a map id → {title, genres}. */
export function readMoviesCsv(path: string): Map<number, { title: string; genres: string }> {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as { movieId: string; title: string; genres: string }[];
  return new Map(rows.map((r) => [Number(r.movieId), { title: r.title, genres: r.genres }]));
}
