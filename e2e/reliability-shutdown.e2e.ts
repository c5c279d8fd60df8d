import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startSite, type Site } from './support/site-harness';

/**
 * Graceful shutdown (lib/shutdown.ts): on SIGTERM the site finishes the request in flight, closes PGlite cleanly
 * (its folder lock, db/client's movielens-app.lock, is removed) and exits; the next start finds the data intact.
 * The request is held in flight deterministically: its body is still being sent when the signal arrives, and the
 * server has acknowledged its headers (Expect: 100-continue).
 */

const LOCK_FILE = 'movielens-app.lock';

describe('graceful shutdown on SIGTERM (PGlite)', () => {
  let site: Site | undefined;
  let dataDir: string;

  beforeAll(async () => {
    site = await startSite({ name: 'reliability-shutdown', env: { MOVIELENS_DIR: 'data/fixtures/tiny' } });
    dataDir = site.dataDir!;
    await site.waitForHealth();
  });
  afterAll(async () => {
    await site?.stop('SIGKILL');
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, closes the database and releases the folder lock', async () => {
    const running = site!;
    const before = (await running.health()).body.database?.counts;
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);

    const request = http.request(`${running.baseUrl}/api/recommendations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', expect: '100-continue' },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
    // The server read the headers and answered 100 Continue: the request is in flight.
    await new Promise<void>((resolve) => {
      request.on('continue', () => resolve());
      request.flushHeaders();
    });
    request.write('{"ratings": [{"movieId": 1, "rating": 5}], ');

    process.kill(-running.pid, 'SIGTERM');
    // Only after the signal does the rest of the body arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    request.end('"algorithm": "popular", "minRatings": 0}');

    const answer = await response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ algorithm: 'popular', items: expect.any(Array) });

    const code = await running.exited;
    expect([0, 143]).toContain(code); // next start exits with 128 + SIGTERM's number after a clean shutdown
    const log = running.log();
    expect(log).toContain('[shutdown] SIGTERM');
    expect(log).toContain('[shutdown] database closed');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

    // The same folder opens again with the same data, without recovery trouble.
    site = await startSite({
      name: 'reliability-shutdown',
      dataDir,
      env: { MOVIELENS_DIR: 'data/fixtures/tiny' },
    });
    const health = await site.waitForHealth();
    expect(health.database?.counts).toEqual(before);
  });
});
