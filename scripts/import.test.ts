import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFixtureCopy, type FileEdit } from '@/lib/movielens/test-fixtures';

/**
 * `npm run db:import` as a person runs it (issue 13, item 5): bad input ends in ONE line on stderr naming the file,
 * the line and the reason, exit code 1, no stack, nothing written; a FIFO in the folder does not hang it.
 */
const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

function runImport(edits: FileEdit[], extraArgs: string[] = []) {
  const dir = writeFixtureCopy(edits);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-cli-'));
  try {
    const env = { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: data };
    const result = spawnSync(TSX, ['scripts/import.ts', '--dir', dir, ...extraArgs], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return {
      status: result.status,
      signal: result.signal,
      stderr: result.stderr.trim(),
      stdout: result.stdout,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
}

describe('npm run db:import on bad input', () => {
  it.each<[string, FileEdit[], string]>([
    [
      'a FIFO (does not hang)',
      [{ file: 'tags.csv', replaceWith: 'fifo' }],
      'Import failed: tags.csv: is a FIFO (named pipe), not a regular file: refused',
    ],
    [
      'a directory named movies.csv',
      [{ file: 'movies.csv', replaceWith: 'directory' }],
      'Import failed: movies.csv: is a directory, not a regular file: refused',
    ],
    [
      'a NUL byte',
      [{ file: 'ratings.csv', line: 4, text: '1,11\u0000,4.0,964982703' }],
      'Import failed: ratings.csv line 4: a NUL byte: a binary or corrupted file, not MovieLens text',
    ],
  ])(
    '%s: one line, exit 1',
    (_name, edits, line) => {
      const result = runImport(edits);
      expect(result.signal).toBeNull();
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(line);
    },
    70_000,
  );

  it('--force without --replace is a usage error', () => {
    const result = runImport([], ['--force']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--force only applies with --replace\nusage: /);
  }, 70_000);
});
