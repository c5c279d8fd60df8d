/** MovieLens CSV parsing and validation: pure, no database. */
export { MovieLensDataError } from './errors';
export { FIRST_VISITOR_ID } from './fields';
export { listUserIds, parseLinksCsv, parseMovieLens, parseMoviesCsv, parseRatingsCsv, parseTagsCsv } from './parse';
export { readMovieLensDir, readMovieLensFiles, type MovieLensFolder } from './read-dir';
export { parseTitle } from './title';
export * from './types';
