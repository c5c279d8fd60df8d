import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * A film fan brings their history: from the start page to /import, a bad file is refused, then a MovieLens.org
 * export, an IMDb export (TV entries skipped) and Letterboxd's ZIP (one ambiguous title resolved by hand) are each
 * reviewed and confirmed, and the recommendations change after each; importing the ZIP again reports 0 new.
 * Screenshots: test-results/screenshots/import-*.png.
 */

const FIXTURES = path.join(process.cwd(), 'data/fixtures/imports');

async function recommendedIds(page: Page): Promise<string[]> {
  await page.goto(url('/recommendations'), { waitUntil: 'networkidle' });
  const cards = page.getByRole('list', { name: 'Recommended movies' }).locator('article[data-movie-id]');
  await cards.first().waitFor();
  return cards.evaluateAll((articles) =>
    articles.map((article) => article.getAttribute('data-movie-id') ?? ''),
  );
}

async function upload(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await page.goto(url('/import'), { waitUntil: 'networkidle' });
  await page
    .getByLabel('Export file')
    .setInputFiles(typeof file === 'string' ? path.join(FIXTURES, file) : file);
  await page.getByRole('button', { name: 'Check the file' }).click();
}

async function confirm(page: Page, label: RegExp): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('heading', { name: 'Imported' }).waitFor();
}

describe('importing ratings from other sites', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is linked from the start page and refuses a file it cannot read, saving nothing', async () => {
    const { page } = browser;
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Import your ratings' }).click();
    await page.getByRole('heading', { name: 'Import your ratings', level: 1 }).waitFor();
    await page.getByText('Files this page reads (up to 5 MB)').waitFor();
    await screenshot(page, 'import-page');

    await upload(page, {
      name: 'notes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('when,what\n2023-01-01,popcorn\n'),
    });
    await page
      .getByRole('alert')
      .getByText(/notes\.csv has no header this site recognises/)
      .waitFor();
    await screenshot(page, 'import-bad-file');
    await upload(page, {
      name: 'latin1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xe9]),
    });
    await page
      .getByRole('alert')
      .getByText(/is not UTF-8 text/)
      .waitFor();
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    await page.getByText('You have not rated any movies yet.').waitFor();
  });

  it('imports a MovieLens.org export by id, and the recommendations follow', async () => {
    const { page } = browser;
    await page.goto(url('/recommendations'), { waitUntil: 'networkidle' });
    await page.getByText('Rate a few movies to get your own recommendations.').waitFor();
    await upload(page, 'movielens-ratings.csv');
    const summary = page.getByRole('list', { name: 'Summary' });
    await summary.getByText('30 new').waitFor();
    await summary.getByText('2 not found in the catalogue.').waitFor();
    await page.getByRole('cell', { name: 'WALL·E (2008)', exact: true }).first().waitFor();
    await screenshot(page, 'import-movielens-report');
    await confirm(page, /^Import 30 ratings$/);
    await screenshot(page, 'import-movielens-saved');
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    await page.getByText('You have rated 30 movies.').waitFor();
    expect(await recommendedIds(page)).toHaveLength(12);
    await page.getByText('From your 30 ratings').waitFor();
  });

  it('imports an IMDb export, skipping TV entries, and the recommendations change', async () => {
    const { page } = browser;
    const before = await recommendedIds(page);
    await upload(page, 'imdb-ratings.csv');
    const summary = page.getByRole('list', { name: 'Summary' });
    await summary
      .getByText(/4 skipped as not movies \(TV Series: 1, TV Episode: 1, TV Mini Series: 1, Video Game: 1\)/)
      .waitFor();
    // Films in both files: MovieLens.org's ratings were saved just now, so IMDb's older-dated ones keep them.
    await screenshot(page, 'import-imdb-report');
    await confirm(page, /^Import \d+ ratings$/);
    const after = await recommendedIds(page);
    expect(after).not.toEqual(before);
  });

  it('imports Letterboxd’s ZIP with one ambiguous title chosen by hand; a second import changes nothing', async () => {
    const { page } = browser;
    const before = await recommendedIds(page);
    await upload(page, 'letterboxd-export.zip');
    const choice = page.getByRole('group', { name: '“War of the Worlds” (2005), 3★' });
    await choice.getByRole('radio', { name: 'Skip' }).waitFor();
    expect(await choice.getByRole('radio', { name: 'Skip' }).isChecked()).toBe(true);
    await page
      .getByRole('cell', { name: 'Star Wars: Episode IV - A New Hope (1977)', exact: true })
      .waitFor();
    await page.getByRole('heading', { name: /Not found in the catalogue/ }).waitFor();
    const label = await page
      .getByRole('button', { name: /^Import \d+ ratings and \d+ watchlist movies$/ })
      .textContent();
    // Spielberg's, told from The Asylum's by its genres.
    await choice
      .getByRole('radio', { name: /^War of the Worlds \(2005\) · Action, Adventure, Sci-Fi/ })
      .check();
    const chosen = Number(/Import (\d+)/.exec(label ?? '')?.[1]) + 1;
    await page.getByRole('button', { name: new RegExp(`^Import ${chosen} ratings and`) }).waitFor();
    await screenshot(page, 'import-letterboxd-report');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'import-letterboxd-report-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await confirm(page, new RegExp(`^Import ${chosen} ratings and`));
    await screenshot(page, 'import-letterboxd-saved');
    const after = await recommendedIds(page);
    expect(after).not.toEqual(before);

    await page.goto(url('/movies/34048'), { waitUntil: 'networkidle' });
    await page
      .getByRole('radio', { name: /3 stars/, checked: true })
      .first()
      .waitFor();

    await upload(page, 'letterboxd-export.zip');
    await page.getByRole('list', { name: 'Summary' }).getByText('0 new').first().waitFor();
    await page
      .getByText('Nothing new to import: everything this file matched is already in your profile.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Nothing new to import' }).isDisabled()).toBe(true);
    await screenshot(page, 'import-letterboxd-again');
    expect(
      fs.existsSync(path.join(process.cwd(), 'test-results', 'screenshots', 'import-letterboxd-again.png')),
    ).toBe(true);
  });
});
