// Stops the site started by global-setup.mjs: the whole process group (setsid), then removes its PGlite folder.
import fs from 'node:fs';
import { SITE_FILE, stopSite } from './global-setup.mjs';

export default async function globalTeardown() {
  const site = globalThis.__E2E_SITE__;
  if (!site) return;
  await stopSite(site.pid, site.dataDir);
  globalThis.__E2E_SITE__ = undefined;
  fs.rmSync(SITE_FILE, { force: true });
}
