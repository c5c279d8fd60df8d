/** Loading a MovieLens folder into the database (COPY, one transaction). */
export { MovieLensImportError } from './errors';
export {
  describeConnectionError,
  describeDatabaseTarget,
  formatCounts,
  formatProgress,
  formatResult,
} from './report';
export {
  importMovieLens,
  isDatabaseEmpty,
  type ImportCounts,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from './import-movielens';
