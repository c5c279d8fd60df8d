import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentOwner, isOwnerAlive, LOCK_FILE, lockFolder, processStartTime } from './pglite-lock';

/**
 * The container case of issue 13 (item 2): the site is pid 1 of its PID namespace, is killed with SIGKILL, and
 * restarts as pid 1 again. `unshare --pid --fork --mount-proc` gives the child a fresh namespace where it is pid 1
 * (needs root, as in CI; skipped with a message otherwise).
 */

const ROOT = path.resolve(__dirname, '..');
const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-lock-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs lockFolder(dir) as pid 1 of a new PID namespace (or in `enter`'s namespace); `hold` keeps it running. */
function lockAsPid1(dir: string, hold: boolean, enter?: number) {
  const script =
    "const m = await import('./db/pglite-lock.ts'); const { lockFolder } = m.lockFolder ? m : m.default;" +
    `try { lockFolder(${JSON.stringify(dir)}); console.log('locked ' + process.pid); } ` +
    "catch (e) { console.log('refused ' + e.message); process.exit(3); }" +
    (hold ? 'setInterval(() => {}, 60000);' : '');
  const namespace = enter
    ? ['nsenter', `--target=${enter}`, '--pid', '--mount', `--wd=${ROOT}`, '--']
    : ['unshare', '--pid', '--fork', '--mount-proc'];
  return spawn(namespace[0]!, [...namespace.slice(1), process.execPath, '--import', 'tsx', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** unshare's forked child: pid 1 inside its namespace, another pid from here. */
function innerPid(unsharePid: number): number {
  return Number(
    fs.readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(' ')[0],
  );
}

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', () => resolve(out.split('\n')[0] ?? ''));
    child.on('error', reject);
  });
}

(canUnshare ? describe : describe.skip)('the PGlite folder lock in a PID namespace', () => {
  it('is taken over after its pid-1 owner was killed with SIGKILL, by a new pid 1', async () => {
    const dir = tempDir();
    const first = lockAsPid1(dir, true);
    expect(await firstLine(first)).toBe('locked 1');
    // SIGKILL pid 1 from outside, the way a container dies.
    const inner = innerPid(first.pid!);
    expect(inner).toBeGreaterThan(1);
    process.kill(inner, 'SIGKILL');
    await new Promise((resolve) => first.on('exit', resolve));
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 1 }); // left behind

    const second = lockAsPid1(dir, false);
    expect(await firstLine(second)).toBe('locked 1');
  }, 60_000);

  it('still refuses a folder whose pid-1 owner is alive', async () => {
    const dir = tempDir();
    const holder = lockAsPid1(dir, true);
    expect(await firstLine(holder)).toBe('locked 1');
    const inner = innerPid(holder.pid!);
    try {
      // A second instance in the same container (its PID namespace and /proc) finds pid 1 alive with the recorded
      // start time: refused.
      const second = lockAsPid1(dir, false, inner);
      expect(await firstLine(second)).toBe('refused 1');
    } finally {
      process.kill(inner, 'SIGKILL');
      await new Promise((resolve) => holder.on('exit', resolve));
    }
  }, 60_000);
});

if (!canUnshare) {
  it.skip('PID-namespace lock tests need root and unshare(1)', () => undefined);
}

describe('lock owner identity', () => {
  it('reads this process start time from /proc', () => {
    if (!fs.existsSync('/proc/self/stat')) return;
    expect(processStartTime(process.pid)).toMatch(/^\d+$/);
    expect(isOwnerAlive(currentOwner())).toBe(true);
  });

  it('calls a lock stale when the pid runs but started at another time (a reused pid)', () => {
    if (!fs.existsSync('/proc/self/stat')) return;
    const me = currentOwner();
    expect(isOwnerAlive({ ...me, startTime: String(Number(me.startTime) - 1) })).toBe(false);
    expect(isOwnerAlive({ ...me, bootId: 'another-boot' })).toBe(false);
  });

  it('keeps a second lock out while the first is held, and frees it on release', () => {
    const dir = tempDir();
    const release = lockFolder(dir);
    expect(() => lockFolder(dir)).toThrow(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
