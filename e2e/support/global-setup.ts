// Starts the ALREADY BUILT site once for the e2e run (e2e/support/site-harness.ts) on a fresh temporary PGlite folder,
// with the bundled data imported on first start (AUTO_IMPORT=1). Waits until /api/health says startup is done and no
// model is training, then shares the URL and the operator token of /api/health (HEALTH_TOKEN) through E2E_BASE_URL /
// E2E_HEALTH_TOKEN (inherited by the test workers) and .tmp/e2e-site.json.
import fs from 'node:fs';
import path from 'node:path';
import { startSite, type HealthCheck, type Site } from './site-harness';

export const SITE_FILE = path.join(process.cwd(), '.tmp', 'e2e-site.json');
const TIMEOUT_MS = Number(process.env.E2E_STARTUP_TIMEOUT_MS || 600_000);

type GlobalWithSite = typeof globalThis & { __E2E_SITE__?: Site };

export default async function globalSetup(): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `E2E tests need chromium at ${chromium} (apt-get install chromium); CI=true or REQUIRE_E2E=1 makes this a failure.`,
    );
  }
  fs.rmSync(path.join(process.cwd(), 'test-results', 'e2e-server.log'), { force: true });
  const site = await startSite({
    name: 'e2e',
    // Every suite's browser and fetch come from 127.0.0.1: per-client write limits are tested on a site of their
    // own (e2e/reliability-abuse.e2e.ts).
    env: { RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_PROFILES_PER_HOUR: '0' },
    port: process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined,
    verbose: true,
  });
  (globalThis as GlobalWithSite).__E2E_SITE__ = site;
  process.env.E2E_BASE_URL = site.baseUrl;
  process.env.E2E_HEALTH_TOKEN = site.healthToken;
  fs.mkdirSync(path.dirname(SITE_FILE), { recursive: true });
  fs.writeFileSync(
    SITE_FILE,
    JSON.stringify(
      {
        baseUrl: site.baseUrl,
        healthToken: site.healthToken,
        pid: site.pid,
        dataDir: site.dataDir,
        logFile: site.logFile,
      },
      null,
      2,
    ),
  );
  console.log(
    `\n[e2e] starting the built site on ${site.baseUrl}, database in ${site.dataDir}, log in ${path.relative(process.cwd(), site.logFile)}`,
  );

  // The engine may stay idle if it is started lazily: accept that after a grace period.
  let idleSince: number | null = null;
  const ready: HealthCheck = (status, body) => {
    if (status !== 200 || body.startup?.status !== 'ready' || body.model?.status === 'training') return false;
    if (body.model?.status !== 'idle') return true;
    idleSince ??= Date.now();
    return Date.now() - idleSince > 15_000;
  };
  const started = Date.now();
  try {
    await site.waitForHealth(ready, TIMEOUT_MS, { failFast: true });
  } catch (error) {
    await site.stop();
    throw error;
  }
  console.log(`[e2e] site ready after ${Math.round((Date.now() - started) / 1000)} s`);
}
