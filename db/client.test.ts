import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, DatabaseStartupError } from './client';

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-client-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded database folder (PGlite)', () => {
  it('refuses a folder in use by another running instance, with one clear message', async () => {
    const dir = tempDir();
    // A live process other than this one holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'movielens-app.lock'), String(other.pid));
      const attempt = connectDatabase({ pgliteDataDir: dir, migrate: false });
      await expect(attempt).rejects.toThrow(DatabaseStartupError);
      await expect(attempt).rejects.toThrow(`in use by another running instance (pid ${other.pid})`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, and releases it on close', async () => {
    const dir = tempDir();
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => gone.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'movielens-app.lock'), String(gone.pid));
    const connection = await connectDatabase({ pgliteDataDir: dir, migrate: false });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'movielens-app.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await connection.close();
    expect(fs.existsSync(path.join(dir, 'movielens-app.lock'))).toBe(false);
  });

  it('says clearly when the configured folder is a file', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    await expect(connectDatabase({ pgliteDataDir: file })).rejects.toThrow(
      `PGLITE_DATA_DIR ${file} is not a folder`,
    );
  });

  it('says clearly when the folder holds something that is not a database', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), 'garbage');
    await expect(connectDatabase({ pgliteDataDir: dir, migrate: false })).rejects.toThrow(
      `Could not open the embedded database in ${dir}`,
    );
    // The failed open must not leave our lock behind.
    expect(fs.existsSync(path.join(dir, 'movielens-app.lock'))).toBe(false);
  });
});

/**
 * A data folder the site's user cannot write (issue 13, item 11): created by root, the site runs as another
 * user. The message says what is wrong (permissions) and never advises moving or deleting the folder, which holds
 * every visitor's ratings. Needs root to switch users (as in CI); skipped otherwise.
 */
const canSwitchUser =
  process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;
(canSwitchUser ? describe : describe.skip)('a data folder that is not writable', () => {
  it('names the permission problem and does not advise moving the folder away', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o777); // the folder itself is writable: only its files (root's, 0600/0700) are not
    const connection = await connectDatabase({ pgliteDataDir: dir, migrate: false });
    await connection.close();
    const script =
      "const m = await import('./db/client.ts'); const { connectDatabase } = m.connectDatabase ? m : m.default;" +
      `try { await connectDatabase({ pgliteDataDir: ${JSON.stringify(dir)}, migrate: false }); console.log('opened'); }` +
      ' catch (e) { console.log(e.message); } process.exit(0);';
    const result = spawnSync(
      'runuser',
      ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', '-e', script],
      {
        cwd: path.resolve(__dirname, '..'),
        encoding: 'utf8',
        env: { ...process.env, HOME: os.tmpdir() },
      },
    );
    expect(result.stdout).toMatch(/is not writable by this process/);
    expect(result.stdout).toMatch(/chown\/chmod/);
    expect(result.stdout).not.toMatch(/move it away|delete/i);
  }, 60_000);
});
