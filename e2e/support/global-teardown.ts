// Stops the site started by global-setup.ts (its whole process group) and removes its PGlite folder.
import fs from 'node:fs';
import type { Site } from './site-harness';
import { SITE_FILE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as typeof globalThis & { __E2E_SITE__?: Site };
  if (!holder.__E2E_SITE__) return;
  await holder.__E2E_SITE__.stop();
  holder.__E2E_SITE__ = undefined;
  fs.rmSync(SITE_FILE, { force: true });
}
