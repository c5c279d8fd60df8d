import http from 'node:http';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { baseUrl, operatorHeaders, url } from './support/site';

/**
 * Security headers and client errors (issue 13, items 8 and 9): every page loads under a nonce-based
 * Content-Security-Policy with no violation, a same-site page cannot frame /profile, and malformed requests that
 * Next.js would answer with a 500 get a 4xx with nothing written.
 */

const PAGES = ['/', '/movies/1', '/recommendations', '/similarity', '/profile', '/about'];

async function counts(): Promise<{ ratings: number; visitors: number }> {
  const body = (await (await fetch(url('/api/health'), { headers: operatorHeaders() })).json()) as {
    database: { counts: { ratings: number; visitors: number } };
  };
  return body.database.counts;
}

function rawRequest(method: string, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url(pathname),
      { method, headers: { 'content-length': '0' } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('security headers', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(PAGES)('%s loads under the CSP with no violation and sends the headers', async (pathname) => {
    const { page } = browser;
    const problems: string[] = [];
    page.on('console', (message) => {
      // A failed load is reported below with its URL (the console message has none).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('response', (response) => {
      // The site has no favicon: the browser's own guess at /favicon.ico may 404.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
        problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const response = await page.goto(url(pathname), { waitUntil: 'networkidle' });
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    expect(headers).not.toHaveProperty('strict-transport-security'); // plain HTTP here
    // The page is interactive (hydrated), so its scripts ran under the policy.
    await page.locator('nav').first().waitFor();
    expect(problems).toEqual([]);
  });

  it('the rating widget works under the CSP (scripts hydrated)', async () => {
    const { page } = browser;
    await page.goto(url('/movies/2'));
    await page
      .getByRole('radio', { name: /3 stars$/ })
      .first()
      .click();
    await page.locator('.rating-status').filter({ hasText: 'Saved' }).first().waitFor();
  });

  it('a same-site page cannot frame /profile', async () => {
    const { page } = browser;
    const blocked: string[] = [];
    page.on('console', (message) => blocked.push(message.text()));
    // A page on the site's own origin (served by the test, so the site needs no such route) that frames /profile.
    await page.route(url('/framing-test'), (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>framing</title><iframe id="f" src="/profile" width="800" height="600"></iframe>',
      }),
    );
    await page.goto(url('/framing-test'));
    await page.waitForTimeout(2000);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    const text = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(text).not.toMatch(/Your ratings|profile/i);
    await screenshot(page, 'reliability-headers-framing');
    expect(blocked.join('\n')).toMatch(/frame-ancestors|X-Frame-Options|refused/i);
  });
});

describe('client errors are 4xx, with nothing written', () => {
  let actionId: string;
  beforeAll(async () => {
    const browser = await openBrowser();
    try {
      const captured = new Promise<string>((resolve) => {
        browser.page.on('request', (request) => {
          const id = request.headers()['next-action'];
          if (request.method() === 'POST' && id && /_1_rating/.test(request.postData() ?? '')) resolve(id);
        });
      });
      await browser.page.goto(url('/movies/3'));
      await browser.page
        .getByRole('radio', { name: /2 stars$/ })
        .first()
        .click();
      actionId = await captured;
      await browser.page.locator('.rating-status').filter({ hasText: 'Saved' }).first().waitFor();
    } finally {
      await browser.close();
    }
  });

  async function postAction(body: BodyInit, headers: Record<string, string> = {}) {
    const response = await fetch(url('/movies/5'), {
      method: 'POST',
      headers: { accept: 'text/x-component', 'next-action': actionId, origin: baseUrl(), ...headers },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }

  function rating(root: string): FormData {
    const form = new FormData();
    form.set('0', root);
    form.set('_1_movieId', '5');
    form.set('_1_rating', '4');
    return form;
  }

  it('refuses malformed server-action arguments, the no-JS $ACTION_ID_ form and bodies over 1 MB', async () => {
    const before = await counts();
    expect(await postAction(rating('[]'))).toBe(400);
    expect(await postAction(rating('[null,{}]'))).toBe(400);
    expect(await postAction('[null,{}]', { 'content-type': 'text/plain;charset=UTF-8' })).toBe(400);
    const noJs = new FormData();
    noJs.set(`$ACTION_ID_${actionId}`, '');
    noJs.set('movieId', '5');
    noJs.set('rating', '4');
    const noJsStatus = await fetch(url('/movies/5'), {
      method: 'POST',
      headers: { origin: baseUrl() },
      body: noJs,
    });
    expect(noJsStatus.status).toBe(400);
    const big = rating(JSON.stringify([{ status: 'idle', message: 'x'.repeat(1024 * 1024 + 10) }, '$K1']));
    expect(await postAction(big)).toBe(413);
    expect(await counts()).toEqual(before);
    // The well-formed call still works.
    expect(
      await postAction(rating(JSON.stringify([{ status: 'idle', message: '', rating: null }, '$K1']))),
    ).toBe(200);
  });

  it('answers TRACE on API routes and pages with 405', async () => {
    expect(await rawRequest('TRACE', '/api/movies?search=toy')).toBe(405);
    expect(await rawRequest('TRACE', '/api/health')).toBe(405);
    expect(await rawRequest('TRACE', '/')).toBe(405);
  });
});
