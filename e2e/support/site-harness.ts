/**
 * The one way tests and benchmarks run the built site: `npm start` (scripts/start.mjs: `next start`, in
 * WEB_CONCURRENCY worker processes) from NEXT_DIST_DIR on a free port, in its own
 * process group (so that a signal reaches the server and its workers), on a fresh PGlite folder unless told
 * otherwise, waiting on /api/health. Used by the e2e global setup, the reliability suites' extra sites,
 * `npm run bench` (web) and `npm run bench:load`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** /api/health as the operator sees it (the site is started with a HEALTH_TOKEN that health() sends). */
export interface HealthBody {
  status: string;
  reason?: string;
  startup?: { status: string; error: string | null };
  model?: { status: string; dataVersion?: string | null; progress?: { done: number; total: number } };
  database?: { kind: string; counts: Record<string, number> };
}

export type HealthCheck = (status: number, body: HealthBody) => boolean;

/** Startup done and no model training (the site serves every page as it will stay). */
export const startedAndNotTraining: HealthCheck = (status, body) =>
  status === 200 && body.startup?.status === 'ready' && body.model?.status !== 'training';

/** Startup done and every model ready (benchmarks measure the trained site). */
export const modelsReady: HealthCheck = (status, body) =>
  status === 200 && body.startup?.status === 'ready' && body.model?.status === 'ready';

export interface Site {
  baseUrl: string;
  pid: number;
  /** The site's HEALTH_TOKEN: /api/health shows its details to requests that send it. */
  healthToken: string;
  /** PGLITE_DATA_DIR when the site runs on embedded PGlite (a fresh temp folder unless given). */
  dataDir: string | null;
  logFile: string;
  log(): string;
  /** Resolves with the exit code (or signal name) when the server process ends. */
  exited: Promise<number | string>;
  health(): Promise<{ status: number; body: HealthBody }>;
  /**
   * Polls /api/health until `ready` (default: startup done, no model training) or fails after limitMs; with
   * `failFast`, a startup that reports 'failed' (and that `ready` does not accept) fails at once.
   */
  waitForHealth(ready?: HealthCheck, limitMs?: number, options?: { failFast?: boolean }): Promise<HealthBody>;
  /** Sends `signal` to the process group and waits for the exit (SIGKILL after 20 s); removes a folder it made. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface SiteOptions {
  /** Names the log file (test-results/<name>-server.log) and the temporary folder. */
  name: string;
  env?: Record<string, string>;
  /** Keep (and reuse) this PGlite folder; otherwise a fresh one is made and removed on stop. */
  dataDir?: string;
  port?: number;
  /** WEB_CONCURRENCY: worker processes (default 1, so that a test's figures do not depend on the core count). */
  workers?: number;
  /** Print the health every few seconds while waiting (long waits: the first start imports and trains). */
  verbose?: boolean;
  /** Options for node itself, before the script (e.g. --cpu-prof, which NODE_OPTIONS does not accept). */
  nodeArgs?: string[];
}

const ROOT = process.cwd();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startSite(options: SiteOptions): Promise<Site> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    throw new Error(
      `No built site in ${distDir}/: run \`npm run build\` first (npm test builds it for you).`,
    );
  }
  const port = options.port ?? (await freePort());
  const usesPostgres = Boolean(options.env?.DATABASE_URL);
  const ownDataDir = !options.dataDir && !usesPostgres;
  const dataDir = usesPostgres
    ? null
    : (options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `movielens-${options.name}-`)));
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const logFile = path.join(ROOT, 'test-results', `${options.name}-server.log`);
  const out = fs.openSync(logFile, 'a');
  const healthToken = options.env?.HEALTH_TOKEN ?? crypto.randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), 'scripts/start.mjs', '-p', String(port)],
    {
      cwd: ROOT,
      detached: true, // its own process group (setsid)
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NEXT_DIST_DIR: distDir,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: '',
        AUTO_IMPORT: '1',
        HEALTH_TOKEN: healthToken,
        WEB_CONCURRENCY: String(options.workers ?? 1),
        ...(dataDir ? { PGLITE_DATA_DIR: dataDir } : {}),
        ...options.env,
      },
    },
  );
  fs.closeSync(out);
  const pid = child.pid as number;
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let done = false;
  void exited.then(() => (done = true));
  const baseUrl = `http://127.0.0.1:${port}`;

  const site: Site = {
    baseUrl,
    pid,
    healthToken,
    dataDir,
    logFile,
    log: () => fs.readFileSync(logFile, 'utf8'),
    exited,
    async health() {
      const response = await fetch(`${baseUrl}/api/health`, {
        headers: { authorization: `Bearer ${healthToken}` },
        signal: AbortSignal.timeout(15_000),
      });
      return { status: response.status, body: (await response.json().catch(() => ({}))) as HealthBody };
    },
    async waitForHealth(ready = startedAndNotTraining, limitMs = 240_000, { failFast = false } = {}) {
      const start = Date.now();
      let last = 'no answer';
      let reported = start;
      while (Date.now() - start < limitMs) {
        if (done)
          throw new Error(`${options.name}: the server exited before it was ready:\n${tail(site.log())}`);
        let answer: { status: number; body: HealthBody } | null = null;
        try {
          answer = await site.health();
          last = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
        } catch (error) {
          last = String(error);
        }
        if (answer && ready(answer.status, answer.body)) return answer.body;
        if (failFast && answer?.body.startup?.status === 'failed') {
          throw new Error(
            `${options.name}: the site's startup failed: ${answer.body.startup.error}\n${tail(site.log())}`,
          );
        }
        if (options.verbose && Date.now() - reported > 10_000) {
          reported = Date.now();
          console.log(
            `[${options.name}] waiting for the site (${Math.round((Date.now() - start) / 1000)} s): ${last.slice(0, 160)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(
        `${options.name}: not ready after ${limitMs / 1000} s (last health: ${last}):\n${tail(site.log())}`,
      );
    },
    async stop(signal = 'SIGTERM') {
      if (!done) {
        signalGroup(pid, signal);
        const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownDataDir && dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return exited;
    },
  };
  return site;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function tail(text: string): string {
  return text.split('\n').slice(-25).join('\n');
}
