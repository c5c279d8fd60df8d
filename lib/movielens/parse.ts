import { readCsvRecords } from './csv';
import { MovieLensDataError } from './errors';
import { checkId, checkKnownMovie, checkRating, checkTimestamp, checkUserId, FieldError } from './fields';
import { parseTitle } from './title';
import type { LinkRow, MovieLensDataset, MovieRow, RatingRow, TagRow } from './types';

/**
 * Parsers for the four MovieLens files. Each validates every row and throws a MovieLensDataError naming the file,
 * the line and the reason at the first bad one. Ratings, tags and links are checked against the movie ids of
 * movies.csv; a second rating of the same movie by the same user is an error too.
 */

type Content = Buffer | string;

const NO_GENRES = '(no genres listed)';

/** Maps every record through `row` (which throws FieldError on a bad field), adding the file and line to errors. */
function mapRecords<T>(
  file: string,
  content: Content,
  header: readonly string[],
  row: (record: string[]) => T,
): T[] {
  const { records, lineOf } = readCsvRecords(file, content, header);
  const rows: T[] = new Array(records.length);
  let i = 0;
  try {
    for (; i < records.length; i++) rows[i] = row(records[i]!);
  } catch (error) {
    if (error instanceof FieldError) throw new MovieLensDataError(file, lineOf(i), error.message);
    throw error;
  }
  return rows;
}

export function parseMoviesCsv(content: Content, file = 'movies.csv'): MovieRow[] {
  const seen = new Set<number>();
  return mapRecords(file, content, ['movieId', 'title', 'genres'], ([idText, rawTitle, genreText]) => {
    const movieId = checkId('movieId', idText!);
    if (seen.has(movieId)) throw new FieldError(`movieId ${movieId} appears twice`);
    seen.add(movieId);
    const { title, year } = parseTitle(rawTitle!);
    if (!title) throw new FieldError(`movie ${movieId} has an empty title`);
    const genres = genreText === NO_GENRES || genreText!.trim() === '' ? [] : genreText!.split('|');
    return { movieId, title, year, genres };
  });
}

export function parseLinksCsv(content: Content, movieIds: ReadonlySet<number>, file = 'links.csv'): LinkRow[] {
  const seen = new Set<number>();
  return mapRecords(file, content, ['movieId', 'imdbId', 'tmdbId'], ([idText, imdbText, tmdbText]) => {
    const movieId = checkKnownMovie(movieIds, checkId('movieId', idText!));
    if (seen.has(movieId)) throw new FieldError(`movie ${movieId} has a second link`);
    seen.add(movieId);
    const imdb = imdbText!.trim();
    if (imdb && !/^\d+$/.test(imdb)) throw new FieldError(`imdbId ${JSON.stringify(imdbText)} is not a number`);
    const tmdb = tmdbText!.trim();
    return { movieId, imdbId: imdb || null, tmdbId: tmdb ? checkId('tmdbId', tmdb) : null };
  });
}

export function parseRatingsCsv(content: Content, movieIds: ReadonlySet<number>, file = 'ratings.csv'): RatingRow[] {
  const ratedBy = new Map<number, Set<number>>();
  return mapRecords(file, content, ['userId', 'movieId', 'rating', 'timestamp'], (record) => {
    const userId = checkUserId(record[0]!);
    const movieId = checkKnownMovie(movieIds, checkId('movieId', record[1]!));
    const rating = checkRating(record[2]!);
    const timestamp = checkTimestamp(record[3]!);
    let rated = ratedBy.get(userId);
    if (!rated) ratedBy.set(userId, (rated = new Set()));
    if (rated.has(movieId)) throw new FieldError(`user ${userId} rated movie ${movieId} twice`);
    rated.add(movieId);
    return { userId, movieId, rating, timestamp };
  });
}

export function parseTagsCsv(content: Content, movieIds: ReadonlySet<number>, file = 'tags.csv'): TagRow[] {
  return mapRecords(file, content, ['userId', 'movieId', 'tag', 'timestamp'], ([userText, movieText, tag, timeText]) => ({
    userId: checkUserId(userText!),
    movieId: checkKnownMovie(movieIds, checkId('movieId', movieText!)),
    tag: tag!,
    timestamp: checkTimestamp(timeText!),
  }));
}

/** Parses and cross-checks the four files of a MovieLens release. */
export function parseMovieLens(files: { movies: Content; links: Content; ratings: Content; tags: Content }): MovieLensDataset {
  const movies = parseMoviesCsv(files.movies);
  const movieIds = new Set(movies.map((movie) => movie.movieId));
  return {
    movies,
    links: parseLinksCsv(files.links, movieIds),
    ratings: parseRatingsCsv(files.ratings, movieIds),
    tags: parseTagsCsv(files.tags, movieIds),
  };
}

/** Every distinct user id of the ratings and tags, ascending. */
export function listUserIds(dataset: Pick<MovieLensDataset, 'ratings' | 'tags'>): number[] {
  const ids = new Set<number>();
  for (const rating of dataset.ratings) ids.add(rating.userId);
  for (const tag of dataset.tags) ids.add(tag.userId);
  return [...ids].sort((a, b) => a - b);
}
