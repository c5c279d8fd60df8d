// Starts the ALREADY BUILT site once for the e2e run: `next start` on a free port, in its own process group (setsid),
// on a fresh temporary PGlite folder, with the bundled data imported on first start (AUTO_IMPORT=1). Waits until
// /api/health (readiness) answers 200 and the model is not training, then shares the URL and the operator token of
// /api/health (HEALTH_TOKEN) through E2E_BASE_URL / E2E_HEALTH_TOKEN (inherited by the test workers) and
// .tmp/e2e-site.json.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = process.cwd();
const TIMEOUT_MS = Number(process.env.E2E_STARTUP_TIMEOUT_MS || 600_000);
export const SITE_FILE = path.join(ROOT, '.tmp', 'e2e-site.json');

export default async function globalSetup() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `E2E tests need chromium at ${chromium} (apt-get install chromium); CI=true or REQUIRE_E2E=1 makes this a failure.`,
    );
  }
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    throw new Error(
      `No built site in ${distDir}/: run \`npm run build\` first (npm test builds it for you).`,
    );
  }
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-e2e-pglite-'));
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const logFile = path.join(ROOT, 'test-results', 'e2e-server.log');
  const healthToken = crypto.randomBytes(24).toString('hex');
  const log = fs.openSync(logFile, 'w');
  const child = spawn('setsid', ['node', 'node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      PGLITE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      AUTO_IMPORT: '1',
      HEALTH_TOKEN: healthToken,
      // Every suite's browser and fetch come from 127.0.0.1: per-client write limits are tested on a site of their
      // own (e2e/reliability-abuse.e2e.ts).
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_PROFILES_PER_HOUR: '0',
      PORT: String(port),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  globalThis.__E2E_SITE__ = { pid: child.pid, dataDir };
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_HEALTH_TOKEN = healthToken;
  fs.mkdirSync(path.dirname(SITE_FILE), { recursive: true });
  fs.writeFileSync(
    SITE_FILE,
    JSON.stringify({ baseUrl, healthToken, pid: child.pid, dataDir, logFile }, null, 2),
  );
  console.log(
    `\n[e2e] starting the built site (${distDir}) on ${baseUrl}, database in ${dataDir}, log in ${path.relative(ROOT, logFile)}`,
  );

  let exited = null;
  child.on('exit', (code, signal) => (exited = signal ?? code));
  try {
    await waitUntilReady(baseUrl, healthToken, () => exited, logFile);
  } catch (error) {
    await stopSite(child.pid, dataDir);
    throw error;
  }
}

async function waitUntilReady(baseUrl, healthToken, exitedWith, logFile) {
  const start = Date.now();
  let lastReport = 0;
  let idleSince = null;
  let status = 'no answer yet';
  while (Date.now() - start < TIMEOUT_MS) {
    if (exitedWith() !== null)
      throw new Error(`The site exited (${exitedWith()}) before it was ready:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, {
        headers: { authorization: `Bearer ${healthToken}` },
        signal: AbortSignal.timeout(10_000),
      });
      const body = await response.json().catch(() => ({}));
      const startup = body.startup?.status ?? 'unknown';
      const model = body.model?.status ?? null;
      status = `HTTP ${response.status}, startup ${startup}, model ${model ?? 'none'}`;
      if (startup === 'failed')
        throw new Error(`The site's startup failed: ${body.startup.error}\n${tail(logFile)}`);
      if (response.status === 200 && startup === 'ready') {
        if (model !== 'training' && model !== 'idle') break;
        // The engine may stay idle if it is started lazily: accept that after a grace period.
        idleSince = model === 'idle' ? (idleSince ?? Date.now()) : null;
        if (idleSince !== null && Date.now() - idleSince > 15_000) break;
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("The site's startup failed")) throw error;
    }
    if (Date.now() - lastReport > 5_000) {
      console.log(`[e2e] waiting for the site (${Math.round((Date.now() - start) / 1000)} s): ${status}`);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (Date.now() - start >= TIMEOUT_MS)
    throw new Error(`The site was not ready after ${TIMEOUT_MS / 1000} s (${status}):\n${tail(logFile)}`);
  console.log(`[e2e] site ready after ${Math.round((Date.now() - start) / 1000)} s (${status})`);
}

export async function stopSite(pid, dataDir) {
  if (pid) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

function alive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no server log)';
  }
}
