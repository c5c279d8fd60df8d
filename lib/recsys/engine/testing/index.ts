/** What tests outside the engine folder may use: an engine over the fixture database, served as the process's. */
export { Engine } from '../engine';
export { setEngineInstance } from '../instance';
export { FIXTURE_GENRES, FIXTURE_SPECS, recordImport, seedEngineFixture } from './fixture';
