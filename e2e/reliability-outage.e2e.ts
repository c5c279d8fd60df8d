import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { createPgCluster, type PgCluster } from './support/pg-cluster';
import { startSite, type Site } from './support/site-harness';

/**
 * A database outage on a real PostgreSQL server (a disposable cluster: the shared server is never stopped).
 * While the server is down the site keeps running: pages show the error page with a retry, /api/health answers
 * 503 with the reason, a rating given meanwhile is reported as not saved. When the server is back the site
 * recovers by itself (no restart) and every rating saved before the outage is there.
 */

const RATED = [
  { movieId: 1, title: 'Toy Story', stars: '4 stars' },
  { movieId: 11, title: 'American President', stars: '3.5 stars' },
];

describe('database outage (PostgreSQL)', () => {
  let cluster: PgCluster | undefined;
  let site: Site | undefined;
  let browser: OpenBrowser | undefined;

  beforeAll(async () => {
    cluster = await createPgCluster();
    site = await startSite({
      name: 'reliability-outage',
      env: {
        DATABASE_URL: cluster.url(),
        MOVIELENS_DIR: 'data/fixtures/tiny',
        SESSION_SECRET: 'outage-test-secret-'.padEnd(64, 'o'),
      },
    });
    await site.waitForHealth();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    cluster?.destroy();
  });

  async function rate(movieId: number, stars: string): Promise<string> {
    const { page } = browser!;
    await page.goto(`${site!.baseUrl}/movies/${movieId}`);
    await page
      .getByRole('radio', { name: new RegExp(`${stars}$`) })
      .first()
      .click();
    const status = page.locator('.rating-status').first();
    await status.filter({ hasText: /Saved|Not saved/ }).waitFor();
    return status.innerText();
  }

  it('serves an error page and a 503 health during the outage, reports a rating as not saved, then recovers', async () => {
    const { page } = browser!;
    for (const { movieId, stars } of RATED) expect(await rate(movieId, stars)).toBe('Saved');
    await page.goto(`${site!.baseUrl}/profile`);
    for (const { title } of RATED) await page.getByText(title).first().waitFor();

    // Open a movie page, then take the database away under it.
    await page.goto(`${site!.baseUrl}/movies/2`);
    await page.getByRole('radiogroup').first().waitFor();
    cluster!.stop();

    const down = await site!.waitForHealth((status) => status !== 200, 60_000);
    const health = await site!.health();
    expect(health.status).toBe(503);
    expect(down.status).toBe('unavailable');
    expect(health.body.reason).toMatch(/\S/);

    // A rating given during the outage: the visitor is told it was not saved.
    await page
      .getByRole('radio', { name: /4\.5 stars$/ })
      .first()
      .click();
    await page
      .locator('.rating-status')
      .filter({ hasText: /Not saved/ })
      .first()
      .waitFor();
    await screenshot(page, 'reliability-outage-rating');

    // A page that needs the database: the error page with a retry (the status may already be 200: the page
    // streams, and its loading skeleton went out before the database failed).
    await page.goto(`${site!.baseUrl}/profile`);
    await page.getByRole('alert').filter({ hasText: 'Something went wrong' }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await screenshot(page, 'reliability-outage-error-page');

    // The process did not crash.
    expect(() => process.kill(site!.pid, 0)).not.toThrow();

    cluster!.start();
    await site!.waitForHealth((status) => status === 200, 60_000);
    // The retry button brings the page back without a reload.
    await page.getByRole('button', { name: 'Try again' }).click();
    for (const { title } of RATED) await page.getByText(title).first().waitFor();
    await screenshot(page, 'reliability-outage-recovered');
    expect((await site!.health()).body.database?.counts.ratings).toBe(11 + RATED.length);
  });
});
