import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-24-0001-initial';
import * as modelStore from './2026-11-24-0003-model-store';
import * as hiddenMovies from './2026-11-24-0002-hidden-movies';
import * as trainingLeases from './2026-11-24-0004-training-leases';
import * as visitorArchive from './2026-12-01-0005-visitor-archive';
import * as visitorClaims from './2026-12-01-0006-visitor-claims';
import * as movieMarks from './2026-12-02-0007-movie-marks';
import * as shareCodes from './2026-12-02-0009-share-codes';
import * as modelParts from './2026-12-02-0010-model-parts';
import * as visitorTokenIssued from './2026-12-02-0011-visitor-token-issued';

/**
 * Every migration, in order, listed statically: a folder scan would not survive Next's bundling, and tests
 * must run exactly the set the app runs. Add new migrations at the end with a later timestamped name.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-24-0001-initial': initial,
  '2026-11-24-0003-model-store': modelStore,
  '2026-11-24-0002-hidden-movies': hiddenMovies,
  '2026-11-24-0004-training-leases': trainingLeases,
  '2026-12-01-0005-visitor-archive': visitorArchive,
  '2026-12-01-0006-visitor-claims': visitorClaims,
  '2026-12-02-0007-movie-marks': movieMarks,
  '2026-12-02-0009-share-codes': shareCodes,
  '2026-12-02-0010-model-parts': modelParts,
  '2026-12-02-0011-visitor-token-issued': visitorTokenIssued,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
