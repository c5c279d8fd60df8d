import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { startSite, type Site } from './support/site-harness';

/**
 * Model faults: a site on an EMPTY database (AUTO_IMPORT=0, so there is nothing to train on) still serves every
 * page — an empty state, never the error page — health reports the model's state, and the API answers.
 * (Training failures on real data are covered by lib/recsys/engine/engine.test.ts: the popular fallback and the notice.)
 */

const PAGES = ['/', '/recommendations', '/similarity', '/profile', '/about', '/movies/1'];

describe('a site with no data and no model', () => {
  let site: Site | undefined;
  let browser: OpenBrowser | undefined;

  beforeAll(async () => {
    site = await startSite({ name: 'reliability-empty', env: { AUTO_IMPORT: '0' } });
    await site.waitForHealth((status, body) => body.startup?.status === 'ready');
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('reports the empty database and the model state in health (not ready: 503)', async () => {
    const { status, body } = await site!.health();
    expect(status).toBe(503);
    expect(body.status).toBe('no-data');
    expect(body.database?.counts).toMatchObject({ movies: 0, ratings: 0 });
    expect(body.model?.status).toEqual(expect.any(String));
    expect(site!.log()).toMatch(/AUTO_IMPORT=0/);
  });

  it.each(PAGES)('serves %s without the error page', async (path) => {
    const { page } = browser!;
    const response = await page.goto(`${site!.baseUrl}${path}`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBeLessThan(500);
    await screenshot(page, `reliability-empty${path.replace(/\//g, '-') || '-home'}`);
    expect(await page.locator('body').innerText()).not.toContain('Something went wrong');
  });

  it('answers the API', async () => {
    const search = await fetch(`${site!.baseUrl}/api/movies?search=toy`);
    expect(search.status).toBe(200);
    expect(await search.json()).toEqual({ items: [], tags: [] });
    const popular = await fetch(`${site!.baseUrl}/api/recommendations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ algorithm: 'popular' }),
    });
    expect(popular.status).toBeLessThan(500);
  });
});
