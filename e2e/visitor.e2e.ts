import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * What a new visitor does: find movies by title, rate five (one with the keyboard), open a movie, edit and remove
 * ratings on "Your ratings", reload and find everything kept, then start over. Screenshots of every page at
 * desktop (1280) and phone (390) width go to test-results/screenshots/visitor-*.png.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The rating control of a movie inside `scope`, waited until it says the rating is saved. */
async function expectSaved(scope: Locator, title: string): Promise<void> {
  const control = scope.locator('.rating-control', {
    has: scope.page().getByRole('radiogroup', { name: `Your rating for ${title}` }),
  });
  await control
    .first()
    .getByText(/^(Saved|Rating removed)$/)
    .waitFor();
}

async function search(page: Page, text: string): Promise<Locator> {
  const box = page.getByRole('combobox', { name: 'Find a movie you have seen' });
  await box.fill('');
  await box.pressSequentially(text, { delay: 30 });
  await page.getByRole('listbox', { name: 'Matching movies' }).waitFor();
  return box;
}

async function bothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await screenshot(page, `visitor-${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `visitor-${name}-desktop`);
}

describe('a visitor rates movies and manages their ratings', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds movies by title and rates five of them, one with the keyboard', async () => {
    const { page } = browser;
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByText('You have rated 0 movies.').waitFor();
    await bothWidths(page, 'home-new');

    // "matrix" finds "Matrix, The (1999)", shown as "The Matrix (1999)".
    await search(page, 'matrix');
    const matrixOption = page.getByRole('option', { name: /^The Matrix \(1999\)/ });
    await matrixOption.waitFor();
    await screenshot(page, 'visitor-search-desktop');
    await matrixOption.click();
    const chosenMatrix = page.getByRole('group', { name: 'Chosen: The Matrix' });
    await chosenMatrix.getByRole('radio', { name: 'Rate The Matrix 4.5 stars' }).click();
    await expectSaved(chosenMatrix, 'The Matrix');

    // "toy sto" finds Toy Story; chosen and rated with the keyboard only.
    const box = await search(page, 'toy sto');
    await page.getByRole('option', { name: /^Toy Story \(1995\)/ }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    const chosenToy = page.getByRole('group', { name: 'Chosen: Toy Story' });
    await chosenToy.getByRole('radio', { name: 'Rate Toy Story 0.5 stars' }).focus();
    await page.keyboard.press('End'); // 5 stars
    await page.keyboard.press('ArrowLeft'); // 4.5
    await page.keyboard.press('ArrowLeft'); // 4
    await chosenToy.getByRole('radio', { name: 'Rate Toy Story 4 stars', checked: true }).waitFor();
    await expectSaved(chosenToy, 'Toy Story');

    // Three more from the grid of most-rated movies.
    const grid = page
      .getByRole('region', { name: /Most-rated movies/ })
      .or(page.locator('section[aria-labelledby="popular-heading"]'));
    for (const [title, stars] of [
      ['Forrest Gump', '5 stars'],
      ['Pulp Fiction', '3.5 stars'],
      ['Silence of the Lambs, The', '4 stars'],
    ] as const) {
      const name = title.replace(/^(.*), The$/, 'The $1');
      await grid
        .first()
        .getByRole('radio', { name: `Rate ${name} ${stars}` })
        .click();
      await expectSaved(grid.first(), name);
    }
    await page.getByText('You have rated 5 movies.').waitFor();
    await page.getByRole('link', { name: /See your recommendations/ }).waitFor();
    await bothWidths(page, 'home-rated');
  });

  it('shows a movie page with the visitor’s rating, tags, links and chart', async () => {
    const { page } = browser;
    const response = await page.goto(url('/movies/2571'), { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: /The Matrix/ }).waitFor();
    expect(
      await page.getByRole('radio', { name: 'Rate The Matrix 4.5 stars' }).getAttribute('aria-checked'),
    ).toBe('true');
    expect(await page.getByRole('link', { name: /IMDb/ }).getAttribute('href')).toBe(
      'https://www.imdb.com/title/tt0133093/',
    );
    expect(await page.getByRole('link', { name: /TMDB/ }).getAttribute('href')).toBe(
      'https://www.themoviedb.org/movie/603',
    );
    await page.locator('.recharts-surface').first().waitFor();
    await bothWidths(page, 'movie');

    const missing = await page.goto(url('/movies/not-a-number'));
    expect(missing?.status()).toBe(404);
    expect((await page.goto(url('/movies/99999999')))?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  it('edits and removes ratings on "Your ratings"; a reload keeps everything', async () => {
    const { page } = browser;
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    const list = page.getByRole('list', { name: 'Movies you rated' });
    await expect(list.getByRole('listitem').count()).resolves.toBe(5);
    await bothWidths(page, 'profile');

    await list.getByRole('radio', { name: 'Rate Toy Story 2.5 stars' }).click();
    await expectSaved(list, 'Toy Story');
    await list.getByRole('button', { name: 'Remove your rating for The Matrix' }).click();
    await list.getByRole('link', { name: 'The Matrix' }).waitFor({ state: 'detached' });
    await expect(list.getByRole('listitem').count()).resolves.toBe(4);

    await page.reload({ waitUntil: 'networkidle' });
    await expect(list.getByRole('listitem').count()).resolves.toBe(4);
    expect(
      await list.getByRole('radio', { name: 'Rate Toy Story 2.5 stars' }).getAttribute('aria-checked'),
    ).toBe('true');
    expect(await list.getByRole('link', { name: 'The Matrix' }).count()).toBe(0);
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByText('You have rated 4 movies.').waitFor();
  });

  it('hides a movie, undoes it, and starts over', async () => {
    const { page } = browser;
    await page.goto(url('/movies/2'), { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Not interested in Jumanji' }).click();
    await page.getByRole('button', { name: 'Undo not interested in Jumanji' }).waitFor();
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    const hidden = page.getByRole('list', { name: 'Movies you are not interested in' });
    await hidden.getByRole('link', { name: 'Jumanji' }).waitFor();
    await bothWidths(page, 'profile-hidden');

    await page.getByRole('button', { name: 'Start over…' }).click();
    await page.getByRole('alertdialog').waitFor();
    await screenshot(page, 'visitor-start-over-desktop');
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.getByText('You have not rated any movies yet.').waitFor();
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('You have rated 0 movies.').waitFor();
    expect(await page.getByRole('list', { name: 'Movies you are not interested in' }).count()).toBe(0);
  });
});
