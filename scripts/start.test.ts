import { spawnSync } from 'node:child_process';

/**
 * scripts/start.mjs (npm start): how many worker processes, and the settings it refuses before starting anything.
 * Run as Node runs it (a child process), since it is plain ESM outside the TypeScript build.
 */

function workerCount(env: Record<string, string>, cores: number): string {
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import('./scripts/start.mjs').then((m) => { try { console.log(m.workerCount(process.env, ${cores})); } catch (e) { console.log('error: ' + e.message); } })`,
    ],
    { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env }, encoding: 'utf8' },
  );
  return result.stdout.trim();
}

describe('npm start worker count (WEB_CONCURRENCY)', () => {
  const postgres = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' };

  it('defaults to one per core on PostgreSQL and one on PGlite', () => {
    expect(workerCount(postgres, 4)).toBe('4');
    expect(workerCount({}, 4)).toBe('1');
  });

  it('takes WEB_CONCURRENCY as given', () => {
    expect(workerCount({ ...postgres, WEB_CONCURRENCY: '3' }, 2)).toBe('3');
    expect(workerCount({ WEB_CONCURRENCY: '1' }, 8)).toBe('1');
  });

  it('refuses a value that is not a whole number from 1 to 64, and more than one process on PGlite', () => {
    for (const value of ['0', '-1', '2.5', 'many', '65'])
      expect(workerCount({ ...postgres, WEB_CONCURRENCY: value }, 2)).toBe(
        `error: WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`,
      );
    expect(workerCount({ WEB_CONCURRENCY: '2' }, 2)).toMatch(
      /^error: WEB_CONCURRENCY=2 needs PostgreSQL \(set DATABASE_URL\)/,
    );
  });

  it('says so in one line and exits 1 before starting anything', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', WEB_CONCURRENCY: '2' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^\[start\] WEB_CONCURRENCY=2 needs PostgreSQL/);
  });
});
