import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * Recommendations end to end: a new visitor sees popular movies and an invitation, rates five of them from the
 * cards, gets lists from NMF (two fills) and cosine with explanations, hides one, explores the similarity heat
 * map (hover, click a user) and reads /about. Screenshots at 1280 and 390 px: test-results/screenshots/recommend-*.png.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function bothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await screenshot(page, `recommend-${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `recommend-${name}-desktop`);
}

function cards(page: Page): Locator {
  return page.getByRole('list', { name: 'Recommended movies' }).locator('article[data-movie-id]');
}

async function reasons(page: Page): Promise<string[]> {
  return cards(page).locator('.recommendation-reason').allTextContents();
}

describe('recommendations, similarity and how it works', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('invites a new visitor to rate, and the visitor rates five movies from the cards', async () => {
    const { page } = browser;
    await page.goto(url('/recommendations'), { waitUntil: 'networkidle' });
    await page.getByText('Rate a few movies to get your own recommendations.').waitFor();
    expect(await cards(page).count()).toBeGreaterThanOrEqual(10);
    expect((await reasons(page))[0]).toMatch(/on average by \d+ MovieLens users/);
    await bothWidths(page, 'new-visitor');

    const stars = [5, 4.5, 4, 2, 5];
    for (const [index, rating] of stars.entries()) {
      const card = cards(page).nth(index);
      await card.getByRole('radio', { name: new RegExp(`^Rate .+ ${rating} stars$`) }).click();
      await card.getByText(/^Saved$/).waitFor();
    }
  });

  it('shows NMF recommendations with two fills and cosine ones, each explained', async () => {
    const { page } = browser;
    await page.goto(url('/recommendations?algorithm=nmf&fill=zeros'), { waitUntil: 'networkidle' });
    await page.getByText('From your 5 ratings').waitFor();
    expect(await page.getByText('Rate a few movies to get your own recommendations.').count()).toBe(0);
    await page.getByTestId('algorithm-description').getByText('NMF, blanks = 0.').waitFor();
    expect((await reasons(page)).some((reason) => /^because you liked .+ \(\d(\.5)?★\)/.test(reason))).toBe(
      true,
    );
    // Every list shows the one predicted rating (5 ratings), never its own ranking score.
    expect(
      await cards(page)
        .first()
        .locator('.predicted-rating', { hasText: /^For you \d\.\d★$/ })
        .count(),
    ).toBe(1);
    expect(await cards(page).locator('.badge', { hasText: /score/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'movie median' }).click();
    await page.waitForURL(/fill=movie-median/);
    await page.getByTestId('algorithm-description').getByText('NMF, blanks = movie median.').waitFor();
    expect(await cards(page).count()).toBeGreaterThan(0);
    expect(
      await cards(page)
        .first()
        .locator('.predicted-rating', { hasText: /^For you \d\.\d★$/ })
        .count(),
    ).toBe(1);
    await bothWidths(page, 'nmf-movie-median');

    await page.getByRole('list', { name: 'Algorithm' }).getByRole('link', { name: 'Similar users' }).click();
    await page.waitForURL(/algorithm=cosine/);
    await page.getByTestId('algorithm-description').getByText('Similar users (cosine).').waitFor();
    expect((await reasons(page))[0]).toMatch(
      /^liked by \d+ (people|person) with tastes like yours who rated it 4★ or more/,
    );
    await bothWidths(page, 'cosine');
  });

  it('filters by genre and hides a movie the visitor is not interested in', async () => {
    const { page } = browser;
    await page.goto(url('/recommendations?algorithm=cosine&genre=Comedy'), { waitUntil: 'networkidle' });
    const first = cards(page).first();
    await first.waitFor();
    expect(await first.getByText('Comedy', { exact: true }).count()).toBe(1);
    const movieId = await first.getAttribute('data-movie-id');
    await first.getByRole('button', { name: /^Not interested in / }).click();
    await page.locator(`article[data-movie-id="${movieId}"]`).waitFor({ state: 'detached' });
    await page.reload({ waitUntil: 'networkidle' });
    await cards(page).first().waitFor();
    expect(await page.locator(`article[data-movie-id="${movieId}"]`).count()).toBe(0);
    await page.getByText(/· 1 hidden/).waitFor();
  });

  it('draws the similarity heat map with a tooltip, and shows what a clicked user rated highest', async () => {
    const { page } = browser;
    await page.goto(url('/similarity?n=20'), { waitUntil: 'networkidle' });
    const cells = page.getByTestId('heat-map-cell');
    await cells.first().waitFor();
    expect(await cells.count()).toBe(21 * 21); // the visitor + 20 MovieLens users
    await cells.nth(2).hover(); // row "You", column: the user most like you
    const tooltip = page.getByTestId('heat-map-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(
      /You × User \d+.*Similarity -?\d\.\d\d.*\d+ movies? rated by both/,
    );
    await bothWidths(page, 'similarity');

    await cells.nth(2).click();
    await page.waitForURL(/user=\d+/);
    const panel = page.getByTestId('user-favourites');
    await panel.waitFor();
    expect(await panel.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await panel.textContent()).toMatch(/User \d+ rated highest/);
    await screenshot(page, 'recommend-similarity-user-desktop');
  });

  it('explains the algorithms and shows the evaluation', async () => {
    const { page } = browser;
    await page.goto(url('/about'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'NMF: taste factors' }).waitFor();
    await page.getByText('½ ‖V − W H‖', { exact: false }).first().waitFor();
    await page
      .getByRole('table')
      .getByRole('row', { name: /NMF, zeros/ })
      .waitFor();
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await bothWidths(page, 'about');
  });
});
