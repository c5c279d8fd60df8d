import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-24-0001-initial';

/**
 * Every migration, in order, listed statically: a folder scan would not survive Next's bundling, and tests
 * must run exactly the set the app runs. Add new migrations at the end with a later timestamped name.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-24-0001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
