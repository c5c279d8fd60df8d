import { recordBatches, type RecordFormat } from './csv';
import { MovieLensDataError } from './errors';
import {
  checkId,
  checkKnownMovie,
  checkRating,
  checkText,
  checkTimestamp,
  checkUserId,
  DuplicateRatingCheck,
  FieldError,
} from './fields';
import type { MovieLensFiles } from './layouts';
import type { TextInput } from './text-source';
import { parseTitle } from './title';
import type { LinkRow, MovieLensDataset, MovieRow, RatingRow, TagRow } from './types';

/**
 * The one MovieLens reader: typed, validated rows of each file of any layout (ml-latest CSV, ml-100k, ml-1m,
 * ml-10m), streamed in batches of a few tens of thousands, so an import of 32M ratings holds one batch at a time.
 * A bad row throws a MovieLensDataError naming the file, the line and the reason. Ratings, tags and links are
 * checked against the movie ids of the movies file.
 */

const NO_GENRES = '(no genres listed)';

const csv = (header: readonly string[]): RecordFormat => ({
  separator: ',',
  quoted: true,
  header,
  columns: header.length,
});
const dat = (columns: number): RecordFormat => ({ separator: '::', quoted: false, columns });

/** Maps every record through `row` (which throws FieldError on a bad field), adding the file and line to errors. */
function* rowBatches<T>(
  input: TextInput,
  format: RecordFormat,
  row: (record: string[]) => T,
): Generator<T[]> {
  for (const { records, lines } of recordBatches(input, format)) {
    const rows = new Array<T>(records.length);
    let i = 0;
    try {
      for (; i < records.length; i++) rows[i] = row(records[i]!);
    } catch (error) {
      if (error instanceof FieldError) throw new MovieLensDataError(input.name, lines[i]!, error.message);
      throw error;
    }
    yield rows;
  }
}

function movieRow(seen: Set<number>, idText: string, rawTitle: string, genres: string[]): MovieRow {
  const movieId = checkId('movieId', idText);
  if (seen.has(movieId)) throw new FieldError(`movieId ${movieId} appears twice`);
  seen.add(movieId);
  const { title, year } = parseTitle(checkText('title', rawTitle));
  if (!title) throw new FieldError(`movie ${movieId} has an empty title`);
  return { movieId, title, year, genres };
}

function genreList(text: string): string[] {
  return text === NO_GENRES || text.trim() === '' ? [] : checkText('genres', text).split('|');
}

export function movieBatches(files: MovieLensFiles): Generator<MovieRow[]> {
  const seen = new Set<number>();
  if (files.layout === 'ml-100k') {
    const names = ml100kGenres(files.genres!);
    return rowBatches(files.movies, { separator: '|', quoted: false, columns: 5 + names.length }, (record) =>
      movieRow(
        seen,
        record[0]!,
        record[1]!,
        names.filter((name, i) => name !== 'unknown' && record[5 + i] === '1'),
      ),
    );
  }
  const format = files.layout === 'ml-latest' ? csv(['movieId', 'title', 'genres']) : dat(3);
  return rowBatches(files.movies, format, ([id, title, genres]) =>
    movieRow(seen, id!, title!, genreList(genres!)),
  );
}

/** u.genre: "Action|1" per line; its order is the order of the genre flags of u.item. */
function ml100kGenres(input: TextInput): string[] {
  const rows = drain(
    rowBatches(input, { separator: '|', quoted: false, columns: 2 }, ([name, index]) => ({
      name: checkText('genre', name!),
      index,
    })),
  );
  rows.forEach((row, i) => {
    if (row.index !== String(i))
      throw new MovieLensDataError(
        input.name,
        null,
        `genre indexes must run 0, 1, 2... (found ${row.index} for ${row.name})`,
      );
  });
  return rows.map((row) => row.name);
}

export function* linkBatches(files: MovieLensFiles, movieIds: ReadonlySet<number>): Generator<LinkRow[]> {
  if (!files.links) return;
  const seen = new Set<number>();
  yield* rowBatches(files.links, csv(['movieId', 'imdbId', 'tmdbId']), ([idText, imdbText, tmdbText]) => {
    const movieId = checkKnownMovie(movieIds, checkId('movieId', idText!), files.movies.name);
    if (seen.has(movieId)) throw new FieldError(`movie ${movieId} has a second link`);
    seen.add(movieId);
    const imdb = imdbText!.trim();
    if (imdb && !/^\d+$/.test(imdb))
      throw new FieldError(`imdbId ${JSON.stringify(imdbText)} is not a number`);
    const tmdb = tmdbText!.trim();
    return { movieId, imdbId: imdb || null, tmdbId: tmdb ? checkId('tmdbId', tmdb) : null };
  });
}

export interface RatingReadOptions {
  /**
   * Find every duplicate (user, movie) pair, with a set of pairs: for small in-memory reads. Otherwise only those
   * of a sorted file are found here, and the import's primary key finds the rest.
   */
  exhaustiveDuplicates?: boolean;
}

function ratingsFormat(files: MovieLensFiles): RecordFormat {
  if (files.layout === 'ml-latest') return csv(['userId', 'movieId', 'rating', 'timestamp']);
  return files.layout === 'ml-100k' ? { separator: '\t', quoted: false, columns: 4 } : dat(4);
}

/** `movieIds` null: movie ids are not checked (a ratings file read on its own, scripts/evaluate.ts). */
export function ratingBatches(
  files: MovieLensFiles,
  movieIds: ReadonlySet<number> | null,
  options: RatingReadOptions = {},
): Generator<RatingRow[]> {
  const duplicates = new DuplicateRatingCheck(options.exhaustiveDuplicates ?? false);
  return rowBatches(files.ratings, ratingsFormat(files), (record) => {
    const userId = checkUserId(record[0]!);
    const movieId = movieIds
      ? checkKnownMovie(movieIds, checkId('movieId', record[1]!), files.movies.name)
      : checkId('movieId', record[1]!);
    const rating = checkRating(record[2]!);
    const timestamp = checkTimestamp(record[3]!);
    duplicates.check(userId, movieId);
    return { userId, movieId, rating, timestamp };
  });
}

export function* tagBatches(files: MovieLensFiles, movieIds: ReadonlySet<number>): Generator<TagRow[]> {
  if (!files.tags) return;
  const format = files.layout === 'ml-latest' ? csv(['userId', 'movieId', 'tag', 'timestamp']) : dat(4);
  yield* rowBatches(files.tags, format, ([userText, movieText, tag, timeText]) => ({
    userId: checkUserId(userText!),
    movieId: checkKnownMovie(movieIds, checkId('movieId', movieText!), files.movies.name),
    tag: checkText('tag', tag!),
    timestamp: checkTimestamp(timeText!),
  }));
}

function drain<T>(batches: Iterable<T[]>): T[] {
  const all: T[] = [];
  for (const batch of batches) for (const row of batch) all.push(row);
  return all;
}

/** Reads and cross-checks every file of a MovieLens folder into memory (small data: tests, the CLIs). */
export function readDataset(files: MovieLensFiles): MovieLensDataset {
  const movies = drain(movieBatches(files));
  const movieIds = new Set(movies.map((movie) => movie.movieId));
  return {
    movies,
    links: drain(linkBatches(files, movieIds)),
    ratings: drain(ratingBatches(files, movieIds, { exhaustiveDuplicates: true })),
    tags: drain(tagBatches(files, movieIds)),
  };
}

// One file of the ml-latest layout from text in memory (tests, e2e); others refer to movies.csv by that name.
const latest = (name: string, content: Buffer | string, isMovies = false): MovieLensFiles => {
  const input = { name, content };
  return {
    dir: '.',
    layout: 'ml-latest',
    inputs: [input],
    movies: isMovies ? input : { name: 'movies.csv', content: '' },
    links: input,
    ratings: input,
    tags: input,
  };
};

export function parseMoviesCsv(content: Buffer | string, file = 'movies.csv'): MovieRow[] {
  return drain(movieBatches(latest(file, content, true)));
}

export function parseLinksCsv(
  content: Buffer | string,
  movieIds: ReadonlySet<number>,
  file = 'links.csv',
): LinkRow[] {
  return drain(linkBatches(latest(file, content), movieIds));
}

export function parseRatingsCsv(
  content: Buffer | string,
  movieIds: ReadonlySet<number>,
  file = 'ratings.csv',
): RatingRow[] {
  return drain(ratingBatches(latest(file, content), movieIds, { exhaustiveDuplicates: true }));
}

export function parseTagsCsv(
  content: Buffer | string,
  movieIds: ReadonlySet<number>,
  file = 'tags.csv',
): TagRow[] {
  return drain(tagBatches(latest(file, content), movieIds));
}

/** Every distinct user id of the ratings and tags, ascending. */
export function listUserIds(dataset: Pick<MovieLensDataset, 'ratings' | 'tags'>): number[] {
  const ids = new Set<number>();
  for (const rating of dataset.ratings) ids.add(rating.userId);
  for (const tag of dataset.tags) ids.add(tag.userId);
  return [...ids].sort((a, b) => a - b);
}

/**
 * The line of the second rating of (userId, movieId), or null: the import finds duplicates of an unsorted file
 * through the ratings primary key, which names the pair but not the line, and reads the file again only then.
 */
export function findDuplicateRatingLine(
  files: MovieLensFiles,
  userId: number,
  movieId: number,
): number | null {
  let seen = false;
  for (const { records, lines } of recordBatches(files.ratings, ratingsFormat(files))) {
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      if (Number(record[0]) !== userId || Number(record[1]) !== movieId) continue;
      if (seen) return lines[i]!;
      seen = true;
    }
  }
  return null;
}
