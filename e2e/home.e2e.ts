import fs from 'node:fs';
import path from 'node:path';
import { parseMoviesCsv } from '@/lib/movielens';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { baseUrl, operatorHeaders } from './support/site';

// The site imported the bundled data on first start: its titles are those of movies.csv.
const titles = parseMoviesCsv(
  fs.readFileSync(path.join(process.cwd(), 'data/ml-latest-small/movies.csv')),
).map((movie) =>
  // Pages may show the year apart from the title: compare without the trailing "(1995)".
  movie.title.replace(/\s*\(\d{4}(?:[–-]\d{0,4})?\)$/, ''),
);

describe('home page', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows movies from the database', async () => {
    const { page } = browser;
    // 'load', not 'networkidle': the page may keep polling (training progress).
    const response = await page.goto(baseUrl(), { waitUntil: 'load', timeout: 90_000 });
    expect(response?.status()).toBe(200);
    // The grid streams in after 'load' (a Suspense skeleton first): wait for its movie links.
    await page.locator('a[href^="/movies/"]').nth(4).waitFor({ timeout: 60_000 });
    await screenshot(page, 'home');
    const text = await page.locator('body').innerText();
    const shown = titles.filter((title) => title.length > 3 && text.includes(title));
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  it('reports readiness publicly with no details, and the details to the operator', async () => {
    const live = await fetch(`${baseUrl()}/api/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const anonymous = await fetch(`${baseUrl()}/api/health`);
    expect(anonymous.status).toBe(200);
    const text = await anonymous.text();
    expect(JSON.parse(text)).toEqual({
      status: 'ready',
      startup: { status: 'ready' },
      model: { status: expect.any(String), ready: expect.any(Number), total: expect.any(Number) },
    });
    expect(text).not.toMatch(/\/tmp|\/work|pid|127\.0\.0\.1|database/);
    const wrongToken = await fetch(`${baseUrl()}/api/health`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(await wrongToken.json()).not.toHaveProperty('database');

    const response = await fetch(`${baseUrl()}/api/health`, { headers: operatorHeaders() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      database: { kind: string; counts: Record<string, number> };
    };
    expect(body.status).toBe('ready');
    expect(body.database.kind).toBe('pglite');
    expect(body.database.counts).toMatchObject({ movies: 9742, links: 9742, tags: 3683, users: 610 });
    // The site is shared by every e2e suite, and visitors' ratings count too: at least the MovieLens ones (the exact
    // import counts are asserted by lib/import/full-import.test.ts on both databases).
    expect(body.database.counts.ratings).toBeGreaterThanOrEqual(100836);
  });
});
