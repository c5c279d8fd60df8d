// Jest runs TypeScript through Next's SWC transform (next/jest), so tests see the same
// compiler settings and path aliases as the app.
const nextJest = require('next/jest');

const createJestConfig = nextJest({ dir: __dirname });

/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/$1',
    '^server-only$': '<rootDir>/lib/testing/server-only-stub.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/.next/', '/e2e/'],
  // Database suites create their own databases; two workers match the two cores of CI.
  maxWorkers: 2,
  testTimeout: 60_000,
};

module.exports = createJestConfig(config);
