import { openBrowser } from './support/browser';
import { startSite, type Site } from './support/site-harness';

/**
 * The issue 13 flood (item 4): one client sends cookie-less ratings as fast as it can. Each would create a
 * profile; the per-client limits (RATE_LIMIT_PROFILES_PER_HOUR, RATE_LIMIT_WRITES_PER_MINUTE, here 5 and 20) keep
 * the profiles and ratings written to a handful, and the site keeps serving.
 */
describe('a flood of anonymous ratings from one client', () => {
  let site: Site | undefined;
  let actionId = '';

  beforeAll(async () => {
    site = await startSite({
      name: 'reliability-abuse',
      env: {
        MOVIELENS_DIR: 'data/fixtures/tiny',
        RATE_LIMIT_PROFILES_PER_HOUR: '5',
        RATE_LIMIT_WRITES_PER_MINUTE: '20',
      },
    });
    await site.waitForHealth();
    // The rateMovie action id, captured from a browser's first rating (one profile and one write of this client).
    const browser = await openBrowser();
    try {
      const captured = new Promise<string>((resolve) => {
        browser.page.on('request', (request) => {
          const id = request.headers()['next-action'];
          if (request.method() === 'POST' && id && /_1_rating/.test(request.postData() ?? '')) resolve(id);
        });
      });
      await browser.page.goto(`${site.baseUrl}/movies/1`);
      await browser.page
        .getByRole('radio', { name: /4 stars$/ })
        .first()
        .click();
      actionId = await captured;
      await browser.page.locator('.rating-status').filter({ hasText: 'Saved' }).first().waitFor();
    } finally {
      await browser.close();
    }
    expect(actionId).not.toBe('');
  }, 300_000);
  afterAll(async () => {
    await site?.stop();
  });

  it('creates at most the allowed profiles and ratings', async () => {
    const before = (await site!.health()).body.database!.counts;
    const results = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const form = new FormData();
        // The root last, as the browser sends it: the server decodes the arguments as the fields stream in.
        form.set('_1_movieId', '1');
        form.set('_1_rating', '5');
        form.set('0', JSON.stringify([{ status: 'idle', message: '', rating: null }, '$K1']));
        const response = await fetch(`${site!.baseUrl}/movies/1`, {
          method: 'POST',
          headers: { accept: 'text/x-component', 'next-action': actionId, origin: site!.baseUrl },
          body: form,
        });
        return { status: response.status, text: await response.text() };
      }),
    );
    const summary: Record<string, number> = {};
    for (const { status, text } of results) {
      const key = `${status} ${/"status":"[a-z]+","message":"[^"]*"/.exec(text)?.[0] ?? text.slice(0, 120)}`;
      summary[key] = (summary[key] ?? 0) + 1;
    }
    console.log('[abuse] answers:', summary);
    expect(results.every((result) => result.status === 200)).toBe(true);
    // The browser's first rating used one of the 5 profiles.
    expect(results.filter((result) => /"status":"saved"/.test(result.text))).toHaveLength(4);
    expect(results.filter((result) => /too many changes/.test(result.text))).toHaveLength(56);
    const after = (await site!.health()).body.database!.counts;
    expect(after.visitors! - before.visitors!).toBe(4);
    expect(after.ratings! - before.ratings!).toBe(4);
    // The site still serves.
    expect((await fetch(`${site!.baseUrl}/`)).status).toBe(200);
  }, 120_000);
});
