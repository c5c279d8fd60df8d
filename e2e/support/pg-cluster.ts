import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './site-harness';

/**
 * A DISPOSABLE PostgreSQL cluster for tests that stop and start the server (outage tests): initdb into a temp
 * folder, trust authentication, a free port on 127.0.0.1, its unix socket inside the folder. It never touches the
 * shared server on 5432. As root, PostgreSQL refuses to run, so the folder belongs to the `postgres` user and
 * every command runs through `runuser -u postgres`.
 */

const BIN = process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin';
const RUN_AS = process.getuid?.() === 0 ? 'postgres' : null;

export interface PgCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url(database?: string): string;
  start(): void;
  /** pg_ctl stop -m fast: connections are cut, the server is gone until start(). */
  stop(): void;
  isRunning(): boolean;
  /** Stops the server and deletes the folder. */
  destroy(): void;
  /** Where the server logs (for failure messages). */
  logFile: string;
}

export function isPgClusterAvailable(): boolean {
  return (
    fs.existsSync(path.join(BIN, 'initdb')) && (RUN_AS === null || spawnSync('id', [RUN_AS]).status === 0)
  );
}

function run(command: string, args: string[]): string {
  const [file, argv] = RUN_AS
    ? ['runuser', ['-u', RUN_AS, '--', path.join(BIN, command), ...args]]
    : [path.join(BIN, command), args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** initdb + start; call destroy() in afterAll. */
export async function createPgCluster(): Promise<PgCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-pg-cluster-'));
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  const logFile = path.join(root, 'server.log');
  fs.mkdirSync(socketDir);
  if (RUN_AS) execFileSync('chown', ['-R', `${RUN_AS}:`, root]);
  run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  let running = false;
  const cluster: PgCluster = {
    port,
    logFile,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start() {
      run('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', options]);
      running = true;
    },
    stop() {
      run('pg_ctl', ['stop', '-w', '-t', '60', '-m', 'fast', '-D', dataDir]);
      running = false;
    },
    isRunning: () => running,
    destroy() {
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
        try {
          run('pg_ctl', ['stop', '-w', '-t', '30', '-m', 'immediate', '-D', dataDir]);
        } catch {
          // already stopped
        }
      }
      running = false;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
