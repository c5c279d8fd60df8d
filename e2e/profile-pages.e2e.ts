import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { baseUrl, url } from './support/site';

/**
 * A visitor with many ratings sees "Your ratings" a page at a time (50 per page, alphabetical) with page links,
 * and edits a rating on a later page in place. The 120 ratings are given through the rateMovie server action, as
 * the rating control sends them (the e2e site has no write limits).
 */

const RATED = 120;

function rateMovieActionId(): string {
  const dist = process.env.NEXT_DIST_DIR || '.next';
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), dist, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === 'rateMovie')?.[0];
  if (!id) throw new Error('rateMovie is not in the build’s server-reference manifest');
  return id;
}

/** The first `count` movie ids of the bundled data. */
function movieIds(count: number): number[] {
  const lines = fs.readFileSync(path.join(process.cwd(), 'data', 'ml-latest-small', 'movies.csv'), 'utf8');
  return lines
    .split('\n')
    .slice(1, count + 1)
    .map((line) => Number(line.split(',')[0]));
}

/** Rates the movies as a new visitor; returns the visitor cookie's value. */
async function visitorWithRatings(ids: number[]): Promise<string> {
  const actionId = rateMovieActionId();
  let cookie: string | null = null;
  for (const [index, movieId] of ids.entries()) {
    const form = new FormData();
    form.set('_1_movieId', String(movieId));
    form.set('_1_rating', String(((index % 10) + 1) / 2));
    form.set('0', JSON.stringify([{ status: 'idle', message: '', rating: null }, '$K1']));
    const response: Response = await fetch(url(`/movies/${movieId}`), {
      method: 'POST',
      headers: {
        accept: 'text/x-component',
        'next-action': actionId,
        origin: baseUrl(),
        ...(cookie ? { cookie } : {}),
      },
      body: form,
    });
    await response.text();
    expect(response.status).toBe(200);
    cookie ??=
      response.headers
        .getSetCookie()
        .find((line: string) => line.startsWith('visitor='))
        ?.split(';')[0] ?? null;
  }
  if (!cookie) throw new Error('the site set no visitor cookie');
  return cookie.slice('visitor='.length);
}

describe('a visitor with many ratings pages through them', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser();
    const value = await visitorWithRatings(movieIds(RATED));
    await browser.context.addCookies([{ name: 'visitor', value, url: baseUrl() }]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows 50 ratings a page, alphabetically, with links to the other pages', async () => {
    const { page } = browser;
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: `Rated movies ${RATED}` }).waitFor();
    await page.getByText(`Showing 1–50 of ${RATED}, alphabetically (page 1 of 3)`).waitFor();
    const list = page.getByRole('list', { name: 'Movies you rated' });
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBe(50);
    const firstPage = await list.locator('.rated-movie-title > a').allInnerTexts();
    expect(firstPage).toEqual([...firstPage].sort((a, b) => a.localeCompare(b)));

    const pages = page.getByRole('navigation', { name: 'Pages of your rated movies' });
    await expect(pages.getByRole('link', { name: 'Page 1' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    expect(await pages.getByText('Previous').getAttribute('href')).toBeNull(); // not a link on the first page
    await screenshot(page, 'profile-pages-first');

    await pages.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/\/profile\?page=2$/);
    await page.getByText(`Showing 51–100 of ${RATED}, alphabetically (page 2 of 3)`).waitFor();
    const secondPage = await list.locator('.rated-movie-title > a').allInnerTexts();
    expect(secondPage).toHaveLength(50);
    expect(secondPage[0]!.localeCompare(firstPage.at(-1)!)).toBeGreaterThan(0);

    // Editing a rating on page 2 keeps the row on page 2 and saves it.
    const title = secondPage[0]!;
    const control = page.getByRole('radiogroup', { name: `Your rating for ${title}` });
    await control.getByRole('radio', { name: `Rate ${title} 3.5 stars` }).click();
    await list.locator('.rated-movie').first().getByText('Saved').waitFor();
    await page.reload({ waitUntil: 'networkidle' });
    await control.getByRole('radio', { name: `Rate ${title} 3.5 stars`, checked: true }).waitFor();
    expect((await list.locator('.rated-movie-title > a').allInnerTexts())[0]).toBe(title);

    await pages.getByRole('link', { name: 'Page 3' }).click();
    await page.waitForURL(/\/profile\?page=3$/);
    await page.getByText(`Showing 101–${RATED} of ${RATED}, alphabetically (page 3 of 3)`).waitFor();
    expect(await rows.count()).toBe(RATED - 100);
    await screenshot(page, 'profile-pages-last');
  });

  it('shows the last page for a page number past the end', async () => {
    const { page } = browser;
    await page.goto(url('/profile?page=99'), { waitUntil: 'networkidle' });
    await page.getByText(`(page 3 of 3)`).waitFor();
    expect(await page.getByRole('list', { name: 'Movies you rated' }).getByRole('listitem').count()).toBe(
      RATED - 100,
    );
  });
});
