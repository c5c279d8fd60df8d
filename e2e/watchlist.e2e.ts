import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * The watchlist as a visitor uses it: "Want to watch" from a card of the start page, from movie pages and from a
 * recommendation; /watchlist sorted by predicted rating (and by title); recommendations with watchlisted movies
 * marked, then left out; rating a watchlisted movie takes it off the list, and "Remove" does too.
 * Screenshots: test-results/screenshots/watchlist-*.png.
 */

// Five ratings, so that predicted ratings are shown (PREDICTION_MIN_RATINGS).
const RATED: [number, number][] = [
  [1, 5], // Toy Story
  [2571, 4.5], // The Matrix
  [356, 4], // Forrest Gump
  [318, 4.5], // The Shawshank Redemption
  [8957, 1], // Saw
];

async function rate(page: Page, movieId: number, rating: number): Promise<void> {
  await page.goto(url(`/movies/${movieId}`), { waitUntil: 'networkidle' });
  await page.getByRole('radio', { name: new RegExp(`^Rate .+ ${rating} stars?$`) }).click();
  await page.getByText(/^Saved$/).waitFor();
}

/** Presses a "Want to watch" toggle and waits until it is saved as pressed. */
async function addToWatchlist(scope: Locator | Page, title: string): Promise<void> {
  const button = scope.getByRole('button', { name: `Want to watch ${title}` });
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  await button.click();
  await scope.getByText('Added to your watchlist.').first().waitFor();
  expect(await button.getAttribute('aria-pressed')).toBe('true');
}

function watchlistItems(page: Page): Locator {
  return page.getByRole('list', { name: 'Movies you want to watch' }).getByRole('listitem');
}

async function watchlistTitles(page: Page): Promise<string[]> {
  return watchlistItems(page).locator('a.fw-semibold').allTextContents();
}

describe('the watchlist', () => {
  let browser: OpenBrowser;
  const added: string[] = [];
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
    for (const [movieId, rating] of RATED) await rate(browser.page, movieId, rating);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts empty and says how to add movies', async () => {
    const { page } = browser;
    await page.goto(url('/watchlist'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Your watchlist is empty' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watchlist' }).waitFor();
    await screenshot(page, 'watchlist-empty');
  });

  it('adds movies from a start-page card and from movie pages', async () => {
    const { page } = browser;
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    const card = page.getByRole('list', { name: 'Movies to rate' }).locator('article').first();
    const title = (await card.locator('h3 a').textContent()) ?? '';
    await addToWatchlist(card, title);
    added.push(title);
    await screenshot(page, 'watchlist-home-card');

    for (const [movieId, title] of [
      [3114, 'Toy Story 2'],
      [2959, 'Fight Club'],
      [1197, 'The Princess Bride'],
    ] as const) {
      await page.goto(url(`/movies/${movieId}`), { waitUntil: 'networkidle' });
      await addToWatchlist(page, title);
      added.push(title);
    }
    await screenshot(page, 'watchlist-movie-page');
    // The toggle is stored: a reload shows it pressed.
    await page.reload({ waitUntil: 'networkidle' });
    expect(
      await page
        .getByRole('button', { name: 'Want to watch The Princess Bride' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('lists them sorted by predicted rating, and by title', async () => {
    const { page } = browser;
    await page.goto(url('/watchlist'), { waitUntil: 'networkidle' });
    expect((await watchlistTitles(page)).sort()).toEqual([...added].sort());
    const predictions = (await watchlistItems(page).locator('.predicted-rating').allTextContents()).map(
      (text) => Number(/([\d.]+)★/.exec(text)?.[1]),
    );
    expect(predictions).toHaveLength(added.length);
    expect(predictions).toEqual([...predictions].sort((a, b) => b - a));
    expect(
      await page.getByRole('link', { name: 'Predicted rating', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await screenshot(page, 'watchlist-by-prediction');

    await page.getByRole('link', { name: 'Title', exact: true }).click();
    await page.waitForURL(/\/watchlist\?sort=title$/);
    await page
      .getByRole('link', { name: 'Title', exact: true })
      .and(page.locator('[aria-current="page"]'))
      .waitFor();
    const titles = await watchlistTitles(page);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('marks watchlisted recommendations, and leaves them out on request', async () => {
    const { page } = browser;
    await page.goto(url('/recommendations'), { waitUntil: 'networkidle' });
    const cards = page.getByRole('list', { name: 'Recommended movies' }).locator('article[data-movie-id]');
    // The first card not on the watchlist yet (a movie added above may be recommended), then that card by its id
    // (once pressed, it no longer matches "not on the watchlist").
    const movieId = await cards
      .filter({ has: page.locator('.watchlist-button[aria-pressed="false"]') })
      .first()
      .getAttribute('data-movie-id');
    const card = page.locator(`article[data-movie-id="${movieId}"]`);
    const title = (await card.locator('h3 a').textContent()) ?? '';
    await addToWatchlist(card, title);
    added.push(title);
    await page.reload({ waitUntil: 'networkidle' });
    const same = page.locator(`article[data-movie-id="${movieId}"]`);
    await same.getByText('On your watchlist').waitFor();
    await screenshot(page, 'watchlist-recommendations-shown');

    await page.getByLabel('Movies on your watchlist').selectOption('hide');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/watchlist=hide/);
    await page.getByText(/on your watchlist left out/).waitFor();
    expect(await page.locator(`article[data-movie-id="${movieId}"]`).count()).toBe(0);
    expect(await page.getByText('On your watchlist', { exact: true }).count()).toBe(0);
    expect(await cards.count()).toBeGreaterThan(0);
    // The choice stays in the URL when the algorithm changes.
    const algorithmLinks = page.getByRole('list', { name: 'Algorithm' }).getByRole('link');
    expect(await algorithmLinks.first().getAttribute('href')).toContain('watchlist=hide');
    await screenshot(page, 'watchlist-recommendations-left-out');
  });

  it('takes a movie off when it is rated, and on "Remove"', async () => {
    const { page } = browser;
    await page.goto(url('/watchlist?sort=title'), { waitUntil: 'networkidle' });
    const before = await watchlistTitles(page);
    const item = watchlistItems(page).filter({ hasText: 'Toy Story 2' });
    await item.getByRole('radio', { name: 'Rate Toy Story 2 4 stars' }).click();
    await page.getByText('You rated Toy Story 2, so it left your watchlist.').waitFor();
    expect(await watchlistTitles(page)).toEqual(before.filter((title) => title !== 'Toy Story 2'));
    await screenshot(page, 'watchlist-rated-left');

    await page.getByRole('button', { name: 'Remove Fight Club from your watchlist' }).click();
    await page.getByText('Took Fight Club off your watchlist.').waitFor();
    await page.reload({ waitUntil: 'networkidle' });
    const after = await watchlistTitles(page);
    expect(after).not.toContain('Toy Story 2');
    expect(after).not.toContain('Fight Club');
    expect(after).toHaveLength(before.length - 2);
    // Rated, it is no longer offered on its page either.
    await page.goto(url('/movies/3114'), { waitUntil: 'networkidle' });
    expect(await page.getByRole('button', { name: 'Want to watch Toy Story 2' }).count()).toBe(0);
  });
});
