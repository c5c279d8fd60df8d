#!/usr/bin/env node
// npm test: the unit tests (Jest, both database dialects), then a production build, then the e2e tests against it.
// Jest's usual output streams through; the LAST line is a plain `N passed, N failed` summed over both runs (a test
// file that failed without running a test counts as one failure; so does a failed build or a Jest crash), and the
// exit code is non-zero on any failure. Flags: --unit-only, --e2e-only (npm run test:e2e), --no-build (reuse the
// existing build in NEXT_DIST_DIR, default .next). Extra arguments after `--` go to both Jest runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const jestArgs = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
const runUnit = !flag('--e2e-only');
const runE2e = !flag('--unit-only');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

let passed = 0;
let failed = 0;

function run(title, command, commandArgs, env = {}) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(process.execPath, [command, ...commandArgs], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

/** Adds a Jest JSON report to the totals; a run that crashed before writing one counts as one failure. */
function count(title, outputFile, exitCode) {
  if (!fs.existsSync(outputFile)) {
    console.error(
      `${title}: Jest wrote no results (${path.relative(root, outputFile)}); counted as 1 failure.`,
    );
    failed += 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
  const emptyFailures = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  for (const file of emptyFailures)
    console.error(`${title}: ${path.relative(root, file.name)} failed without running a test.`);
  const runFailures = report.numFailedTests + emptyFailures.length;
  // A failure outside any test (globalSetup, a bad config) leaves the counts clean but the exit code non-zero.
  const extra = exitCode !== 0 && runFailures === 0 ? 1 : 0;
  if (extra)
    console.error(`${title}: Jest exited with code ${exitCode} outside any test; counted as 1 failure.`);
  passed += report.numPassedTests;
  failed += runFailures + extra;
}

function jest(title, outputFile, extraArgs) {
  fs.rmSync(outputFile, { force: true });
  const code = run(title, jestBin, [...extraArgs, '--json', `--outputFile=${outputFile}`, ...jestArgs], {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
  });
  count(title, outputFile, code);
}

fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });

if (runUnit) jest('unit tests', path.join(root, '.tmp', 'jest-unit.json'), []);

if (runE2e) {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  let built = true;
  if (!flag('--no-build')) {
    const code = run(`building the site into ${distDir}/ (next build)`, nextBin, ['build'], {
      NEXT_DIST_DIR: distDir,
    });
    if (code !== 0) {
      console.error('The build failed: the e2e tests did not run (counted as 1 failure).');
      failed += 1;
      built = false;
    }
  }
  if (built) jest('e2e tests', path.join(root, '.tmp', 'jest-e2e.json'), ['-c', 'jest.e2e.config.js']);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
