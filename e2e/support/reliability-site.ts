import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './pg-cluster';

/**
 * Extra sites for the reliability suites that need a server of their own (an outage, a crafted dataset, an empty
 * database, a shutdown): the SAME build as the shared e2e site (NEXT_DIST_DIR), `next start` in its own process
 * group on a free port, with the given environment. Stopped with a signal to the whole group.
 */

/** /api/health as the operator sees it (the site is started with a HEALTH_TOKEN that health() sends). */
export interface HealthBody {
  status: string;
  reason?: string;
  startup?: { status: string; error: string | null };
  model?: { status: string };
  database?: { kind: string; counts: Record<string, number> };
}

export interface ExtraSite {
  baseUrl: string;
  pid: number;
  /** PGLITE_DATA_DIR when the site runs on embedded PGlite (a fresh temp folder unless given). */
  dataDir: string | null;
  logFile: string;
  log(): string;
  /** Resolves with the exit code (or signal name) when the server process ends. */
  exited: Promise<number | string>;
  health(): Promise<{ status: number; body: HealthBody }>;
  /** Polls /api/health until `ready(health)` (default: startup ready, model not training) or fails after limitMs. */
  waitForHealth(ready?: (status: number, body: HealthBody) => boolean, limitMs?: number): Promise<HealthBody>;
  /** Sends `signal` to the process group and waits for the exit (SIGKILL after 20 s). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface ExtraSiteOptions {
  name: string;
  env?: Record<string, string>;
  /** Keep (and reuse) this PGlite folder; otherwise a fresh one is made and removed on stop. */
  dataDir?: string;
}

const ROOT = process.cwd();

export async function startExtraSite(options: ExtraSiteOptions): Promise<ExtraSite> {
  const port = await freePort();
  const ownDataDir = !options.dataDir && !options.env?.DATABASE_URL;
  const dataDir = options.env?.DATABASE_URL
    ? null
    : (options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `movielens-${options.name}-`)));
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const logFile = path.join(ROOT, 'test-results', `${options.name}-server.log`);
  const out = fs.openSync(logFile, 'a');
  const healthToken = crypto.randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port)],
    {
      cwd: ROOT,
      detached: true, // its own process group (setsid), so that a signal reaches the server and its workers
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next',
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: '',
        AUTO_IMPORT: '1',
        HEALTH_TOKEN: healthToken,
        ...(dataDir ? { PGLITE_DATA_DIR: dataDir } : {}),
        ...options.env,
      },
    },
  );
  fs.closeSync(out);
  const pid = child.pid!;
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let done = false;
  void exited.then(() => (done = true));
  const baseUrl = `http://127.0.0.1:${port}`;

  const site: ExtraSite = {
    baseUrl,
    pid,
    dataDir,
    logFile,
    log: () => fs.readFileSync(logFile, 'utf8'),
    exited,
    async health() {
      const response = await fetch(`${baseUrl}/api/health`, {
        headers: { authorization: `Bearer ${healthToken}` },
        signal: AbortSignal.timeout(15_000),
      });
      return { status: response.status, body: (await response.json()) as HealthBody };
    },
    async waitForHealth(
      ready = (status, body) =>
        status === 200 && body.startup?.status === 'ready' && body.model?.status !== 'training',
      limitMs = 240_000,
    ) {
      const start = Date.now();
      let last = 'no answer';
      while (Date.now() - start < limitMs) {
        if (done)
          throw new Error(`${options.name}: the server exited before it was ready:\n${tail(site.log())}`);
        try {
          const { status, body } = await site.health();
          last = `${status} ${JSON.stringify(body).slice(0, 300)}`;
          if (ready(status, body)) return body;
        } catch (error) {
          last = String(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(
        `${options.name}: not ready after ${limitMs / 1000} s (last health: ${last}):\n${tail(site.log())}`,
      );
    },
    async stop(signal = 'SIGTERM') {
      if (!done) {
        try {
          process.kill(-pid, signal);
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownDataDir && dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
  return site;
}

function tail(text: string): string {
  return text.split('\n').slice(-25).join('\n');
}
