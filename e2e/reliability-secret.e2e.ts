import { startSite, type Site } from './support/site-harness';

/**
 * Production on a PostgreSQL server without SESSION_SECRET must not serve pages with cookies nobody can verify
 * across instances: instrumentation.ts checks the secret first and the server exits with one clear message
 * (lib/session.test.ts covers the generated secret for development and embedded PGlite).
 */
describe('production without SESSION_SECRET on PostgreSQL', () => {
  let site: Site | undefined;
  afterAll(async () => {
    await site?.stop('SIGKILL');
  });

  it('refuses to start and says why', async () => {
    // Port 1: nothing listens, and the secret check comes before any connection attempt.
    site = await startSite({
      name: 'reliability-secret',
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SESSION_SECRET: '' },
    });
    let exited: number | string | undefined;
    void site.exited.then((code) => (exited = code));
    // Next runs instrumentation when the server starts (or, at the latest, on the first request).
    for (let attempt = 0; attempt < 120 && exited === undefined; attempt++) {
      const response = await fetch(site.baseUrl).catch(() => undefined);
      if (response) expect(await response.text()).not.toMatch(/Rate movies you have seen|visitor=/);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(exited).toBe(1);
    expect(site.log()).toMatch(/SESSION_SECRET is not set/);
  });
});
