import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * Rating past the first 24 on the start page: by genre and decade, "Next 24" after rating some of the page (no movie
 * is skipped over), rated movies left out and counted on the next visit, and "Haven't seen it" taking a card out for
 * good (with an undo, and "undo all" on the profile). Screenshots: test-results/screenshots/rate-more-*.png.
 */

function grid(page: Page): Locator {
  return page.getByRole('list', { name: 'Movies to rate' });
}

async function cardTitles(page: Page): Promise<string[]> {
  return grid(page).locator('article h3 a').allTextContents();
}

async function cardYears(page: Page): Promise<number[]> {
  const texts = await grid(page).locator('article h3 span').allTextContents();
  return texts.map((text) => Number(/\((\d{4})\)/.exec(text)?.[1]));
}

describe('rating more movies on the start page', () => {
  let browser: OpenBrowser;
  let firstPage: string[] = [];
  const rated: string[] = [];
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('filters by genre and decade together, with links that keep both', async () => {
    const { page } = browser;
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page
      .getByRole('navigation', { name: 'Genres' })
      .getByRole('link', { name: 'Comedy', exact: true })
      .click();
    await page.waitForURL(/\?genre=Comedy$/);
    await page.getByRole('navigation', { name: 'Decades' }).getByRole('link', { name: '1990s' }).click();
    await page.waitForURL(/\?genre=Comedy&decade=1990$/);
    await page.getByRole('heading', { name: 'Most-rated Comedy movies of the 1990s' }).waitFor();
    firstPage = await cardTitles(page);
    expect(firstPage).toHaveLength(24);
    for (const year of await cardYears(page)) expect(year >= 1990 && year <= 1999).toBe(true);
    expect(
      await page
        .getByRole('navigation', { name: 'Genres' })
        .getByRole('link', { name: 'Drama', exact: true })
        .getAttribute('href'),
    ).toBe('/?genre=Drama&decade=1990');
    await screenshot(page, 'rate-more-comedy-1990s');
  });

  it('pages on after rating part of the page, without skipping a movie', async () => {
    const { page } = browser;
    for (const title of firstPage.slice(0, 2)) {
      const card = grid(page).locator('article', {
        has: page.getByRole('link', { name: title, exact: true }),
      });
      await card.getByRole('radio', { name: `Rate ${title} 4 stars` }).click();
      await card.getByText(/^Saved$/).waitFor();
      rated.push(title);
    }
    // Rated cards stay where they are until the visitor moves on.
    expect(await cardTitles(page)).toEqual(firstPage);

    await page.getByRole('link', { name: 'Next 24 →' }).click();
    await page.waitForURL(/\?genre=Comedy&decade=1990&start=24$/);
    const secondPage = await cardTitles(page);
    expect(secondPage).toHaveLength(24);
    expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
    await page.getByRole('link', { name: '← Previous 24' }).waitFor();
    await screenshot(page, 'rate-more-next-page');

    // Back on the first page, the rated movies are left out (and counted), and the page fills up from below.
    await page.getByRole('link', { name: '← Previous 24' }).click();
    await page.waitForURL(/\?genre=Comedy&decade=1990$/);
    await page.getByText('Hidden from this list: 2 movies you rated.').waitFor();
    const refreshed = await cardTitles(page);
    expect(refreshed).toEqual([...firstPage.slice(2), ...secondPage.slice(0, 2)]);
  });

  it('"Haven\'t seen it" removes a card for good, with an undo', async () => {
    const { page } = browser;
    const [skipped, kept] = (await cardTitles(page)).slice(0, 2) as [string, string];
    await grid(page)
      .getByRole('button', { name: `Haven’t seen it: skip ${skipped}` })
      .click();
    await page.getByText(`Skipped ${skipped}: it will not be offered again.`).waitFor();
    expect(await cardTitles(page)).not.toContain(skipped);
    await screenshot(page, 'rate-more-skipped');

    // Undo brings it back; skipping again sticks across a reload.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByText(`${skipped} is back.`).waitFor();
    expect(await cardTitles(page)).toContain(skipped);
    await grid(page)
      .getByRole('button', { name: `Haven’t seen it: skip ${skipped}` })
      .click();
    await page.getByText(`Skipped ${skipped}: it will not be offered again.`).waitFor();
    await grid(page)
      .getByRole('button', { name: `Haven’t seen it: skip ${kept}` })
      .click();
    await page.getByText(`Skipped ${kept}: it will not be offered again.`).waitFor();

    await page.reload({ waitUntil: 'networkidle' });
    const titles = await cardTitles(page);
    expect(titles).toHaveLength(24);
    expect(titles).not.toContain(skipped);
    expect(titles).not.toContain(kept);
    await page
      .getByText('Hidden from this list: 2 movies you rated and 2 movies you have not seen.')
      .waitFor();
    // Also gone from the unfiltered list.
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    expect(await cardTitles(page)).not.toContain(skipped);
  });

  it('lists skipped movies on the profile, where "undo all" brings them back', async () => {
    const { page } = browser;
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    const section = page.locator('section[aria-labelledby="skipped-heading"]');
    await section.getByText('Show the skipped movies').click();
    expect((await section.getByRole('listitem').allTextContents()).length).toBe(2);
    await screenshot(page, 'rate-more-profile-skipped');
    await section.getByRole('button', { name: 'Undo all 2 skips' }).click();
    await section.getByText('Every skipped movie can be offered for rating again.').waitFor();

    await page.goto(url('/?genre=Comedy&decade=1990'), { waitUntil: 'networkidle' });
    await page.getByText('Hidden from this list: 2 movies you rated.').waitFor();
    const titles = await cardTitles(page);
    expect(titles.slice(0, 22)).toEqual(firstPage.slice(2));
    for (const title of rated) expect(titles).not.toContain(title);
  });
});
