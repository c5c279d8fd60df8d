import { createPgCluster, type PgCluster } from './support/pg-cluster';
import { startSite, type Site } from './support/site-harness';

/**
 * The site starts before its PostgreSQL server (docker-compose, systemd): startup waits with backoff, and when the
 * server comes up it migrates, imports the data into the empty database and trains, with no restart (issue 13,
 * item 1). A disposable cluster: the shared server is never stopped.
 */

describe('a database that is not up yet when the site starts (PostgreSQL)', () => {
  let cluster: PgCluster | undefined;
  let site: Site | undefined;

  beforeAll(async () => {
    cluster = await createPgCluster();
    cluster.stop();
  });
  afterAll(async () => {
    await site?.stop();
    cluster?.destroy();
  });

  it('waits for the server, then imports, trains and serves recommendations', async () => {
    site = await startSite({
      name: 'reliability-late-database',
      env: {
        DATABASE_URL: cluster!.url(),
        MOVIELENS_DIR: 'data/fixtures/tiny',
        SESSION_SECRET: 'late-database-secret-'.padEnd(64, 'l'),
      },
    });
    const waiting = await site.waitForHealth(
      (_status, body) => body.startup?.status === 'waiting-for-database',
      60_000,
    );
    expect(waiting.status).toBe('unavailable');
    // Several attempts fail while the server is down; the process stays up.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await site.health()).status).toBe(503);

    cluster!.start();
    const ready = await site.waitForHealth(
      (status, body) => status === 200 && body.model?.status === 'ready',
      180_000,
    );
    expect(ready.startup).toMatchObject({ status: 'ready', error: null });
    expect(ready.database?.counts.movies).toBeGreaterThan(0);
    const response = await fetch(`${site.baseUrl}/api/recommendations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ratings: [{ movieId: 1, rating: 5 }], algorithm: 'nmf' }),
    });
    expect(response.status).toBe(200);
    expect(site.log()).toMatch(/trying again in/);
  }, 300_000);
});
