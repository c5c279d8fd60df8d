import { startExtraSite, type ExtraSite } from './support/reliability-site';

/**
 * Production on a PostgreSQL server without SESSION_SECRET must not serve pages with cookies nobody can verify
 * across instances: instrumentation.ts checks the secret first and every request fails with the clear message
 * in the log (lib/session.test.ts covers the generated secret for development and embedded PGlite).
 */
describe('production without SESSION_SECRET on PostgreSQL', () => {
  let site: ExtraSite | undefined;
  afterAll(async () => {
    await site?.stop('SIGKILL');
  });

  it('serves nothing and says why', async () => {
    // Port 1: nothing listens, and the secret check comes before any connection attempt.
    site = await startExtraSite({ name: 'reliability-secret', env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SESSION_SECRET: '' } });
    const message = /SESSION_SECRET is not set/;
    for (let attempt = 0; attempt < 120 && !message.test(site.log()); attempt++) {
      await fetch(site.baseUrl).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(site.log()).toMatch(message);
    const response = await fetch(site.baseUrl);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toMatch(/Rate movies you have seen|visitor=/);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
