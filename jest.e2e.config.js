// End-to-end tests: the built site is started once (e2e/support/global-setup.ts) on a fresh embedded database
// with the bundled MovieLens data, and e2e/*.e2e.ts drive it with playwright-core and Debian's chromium.
// Run with `npm run test:e2e` (builds first) or, after a build, `npx jest -c jest.e2e.config.js`.
const fs = require('node:fs');
const nextJest = require('next/jest');

const createJestConfig = nextJest({ dir: __dirname });

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browserRequired = process.env.CI === 'true' || process.env.REQUIRE_E2E === '1';
const skipAll = !fs.existsSync(CHROMIUM) && !browserRequired;
if (skipAll) {
  console.warn(
    `\nE2E tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium). Set REQUIRE_E2E=1 to make this a failure.\n`,
  );
}

/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  testMatch: skipAll ? ['<rootDir>/e2e/__no_browser__/**'] : ['<rootDir>/e2e/**/*.e2e.ts'],
  passWithNoTests: skipAll,
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/$1',
    '^server-only$': '<rootDir>/lib/testing/server-only-stub.ts',
  },
  globalSetup: skipAll ? undefined : '<rootDir>/e2e/support/global-setup.ts',
  globalTeardown: skipAll ? undefined : '<rootDir>/e2e/support/global-teardown.ts',
  // One browser at a time on a 2-core machine; pages of a cold site and a training model can be slow.
  maxWorkers: 1,
  testTimeout: 120_000,
};

module.exports = createJestConfig(config);
