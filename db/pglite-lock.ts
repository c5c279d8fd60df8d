import fs from 'node:fs';
import path from 'node:path';
import { ExpectedError } from '@/lib/errors';

/**
 * PGlite has no lock of its own: two processes on one folder would corrupt it. A lock file names its owner so that
 * a second instance (or `npm run db:import` while the site runs) is kept out with a clear message, and a lock left
 * by a process that died is taken over.
 *
 * A pid alone cannot tell a dead owner from a live one: a container killed as pid 1 of its PID namespace restarts
 * as pid 1 again and would find "pid 1" (itself) alive for ever. So the owner is recorded as pid + the process's
 * start time (field 22 of /proc/<pid>/stat, clock ticks since boot) + the kernel's boot id: a pid that was reused
 * (after a reboot, or in a new namespace) has another start time or boot id and the lock is stale. Without /proc
 * (not Linux) the check falls back to "is that pid running".
 */

export const LOCK_FILE = 'movielens-app.lock';

export interface LockOwner {
  pid: number;
  /** Start time of the process in clock ticks since boot; null where /proc is not available. */
  startTime: string | null;
  bootId: string | null;
}

export class FolderLockedError extends ExpectedError {}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Field 22 (starttime) of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function processStartTime(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // fields from 3 on: starttime is field 22
}

export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: readOrNull('/proc/sys/kernel/random/boot_id')?.trim() ?? null,
  };
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(value.pid) && (value.pid ?? 0) > 0) {
      return { pid: value.pid!, startTime: value.startTime ?? null, bootId: value.bootId ?? null };
    }
  } catch {
    // An older lock holds a bare pid: it cannot be checked reliably, see below.
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? { pid, startTime: null, bootId: null } : null;
}

function isPidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the recorded owner still the same running process? */
export function isOwnerAlive(owner: LockOwner, here: LockOwner = currentOwner()): boolean {
  if (here.startTime === null || here.bootId === null) return isPidRunning(owner.pid); // no /proc
  // A bare-pid lock from an older version (or a torn write): only a live process with that pid that is not us
  // can hold it; our own pid means a previous life of this pid (the pid-1-in-a-container case).
  if (owner.startTime === null || owner.bootId === null)
    return owner.pid !== here.pid && isPidRunning(owner.pid);
  if (owner.bootId !== here.bootId) return false;
  return processStartTime(owner.pid) === owner.startTime;
}

/** Takes the folder's lock or throws FolderLockedError; returns the release function. */
export function lockFolder(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const me = currentOwner();
  const record = JSON.stringify(me);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, record, { flag: 'wx' });
      return () => {
        if (readOrNull(lockPath) === record) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = parseOwner(readOrNull(lockPath) ?? '');
      if (owner && isOwnerAlive(owner, me)) throw new FolderLockedError(String(owner.pid));
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new FolderLockedError('unknown');
}
