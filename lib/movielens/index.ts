/** MovieLens parsing and validation, streamed: pure, no database. */
export { readRatingColumns, type RatingColumnArrays } from './columns';
export { MovieLensDataError } from './errors';
export { FIRST_VISITOR_ID } from './fields';
export { findMovieLensFiles, type MovieLensFiles, type MovieLensLayout } from './layouts';
export {
  linkBatches,
  listUserIds,
  movieBatches,
  parseLinksCsv,
  parseMoviesCsv,
  parseRatingsCsv,
  parseTagsCsv,
  ratingBatches,
  findDuplicateRatingLine,
  readDataset,
  tagBatches,
} from './parse';
export { readMovieLensDir, type MovieLensFolder } from './read-dir';
export { hashInputs, type TextInput } from './text-source';
export { parseTitle } from './title';
export * from './types';
