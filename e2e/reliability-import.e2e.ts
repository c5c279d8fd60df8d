import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connectDatabase, type ConnectOptions } from '@/db/client';
import { createPgCluster, type PgCluster } from './support/pg-cluster';

/**
 * A crash in the middle of an import (`npm run db:import -- --replace`, killed with SIGKILL once it printed that it
 * is loading tables) leaves the previous data exactly as it was, on an embedded PGlite folder and on a PostgreSQL
 * server: the import is one transaction, and neither database makes half of it visible after a crash.
 */

const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface Snapshot {
  movies: number;
  ratings: number;
  tags: number;
  users: number;
  version: string | null;
}

async function snapshot(options: ConnectOptions): Promise<Snapshot> {
  const connection = await connectDatabase({ ...options, migrate: false });
  try {
    const result = await sql<Snapshot>`
      SELECT (SELECT count(*) FROM movies)::int AS movies, (SELECT count(*) FROM ratings)::int AS ratings,
             (SELECT count(*) FROM tags)::int AS tags, (SELECT count(*) FROM users)::int AS users,
             (SELECT data_version FROM dataset_imports ORDER BY id DESC LIMIT 1) AS version`.execute(
      connection.db,
    );
    return result.rows[0]!;
  } finally {
    await connection.close();
  }
}

function importEnv(target: { databaseUrl?: string; dataDir?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: target.databaseUrl ?? '',
    NODE_ENV: 'production',
  };
  if (target.dataDir) env.PGLITE_DATA_DIR = target.dataDir;
  else delete env.PGLITE_DATA_DIR;
  return env;
}

/** Until every process of the group is gone (a killed child is only reaped a moment after its parent). */
async function waitForGroupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process group ${pgid} is still running after SIGKILL`);
}

function importTiny(env: NodeJS.ProcessEnv): void {
  const result = spawnSync(TSX, ['scripts/import.ts', '--dir', 'data/fixtures/tiny'], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the first import failed:\n${result.stdout}\n${result.stderr}`);
}

/** Starts `db:import --replace` of the full dataset and SIGKILLs it once it reports loading its first table. */
async function crashReplace(env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(TSX, ['scripts/import.ts', '--replace', '--dir', 'data/ml-latest-small'], {
    env,
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/loaded\s+movies/.test(output)) {
        process.kill(-child.pid!, 'SIGKILL');
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`the import ended before it could be killed:\n${output}`)));
  });
  await exited;
  await waitForGroupGone(child.pid!);
  expect(output).not.toMatch(/Replaced|replaced \d|Imported/i);
  return output;
}

describe('a crash in the middle of an import keeps the previous data', () => {
  it('on an embedded PGlite folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-import-crash-'));
    try {
      const env = importEnv({ dataDir });
      importTiny(env);
      const before = await snapshot({ pgliteDataDir: dataDir });
      expect(before).toMatchObject({ movies: 7, ratings: 11 });
      await crashReplace(env);
      // The lock left by the killed process is stale: the folder opens again, with the old data.
      expect(await snapshot({ pgliteDataDir: dataDir })).toEqual(before);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('on a PostgreSQL server', () => {
    let cluster: PgCluster | undefined;
    beforeAll(async () => {
      cluster = await createPgCluster();
    });
    afterAll(() => cluster?.destroy());

    it('keeps the previous data', async () => {
      const databaseUrl = cluster!.url();
      const env = importEnv({ databaseUrl });
      importTiny(env);
      const before = await snapshot({ databaseUrl });
      expect(before).toMatchObject({ movies: 7, ratings: 11 });
      await crashReplace(env);
      expect(await snapshot({ databaseUrl })).toEqual(before);
    });
  });
});
