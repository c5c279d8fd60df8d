import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * Issue 10: a visitor exports their profile (this site's CSV and JSON, Letterboxd's CSV) and restores it in a fresh
 * browser, where the export of the restored profile is the same file, to the millisecond. A file of another site
 * is refused with one line. Screenshots: test-results/screenshots/transfer-*.png.
 */

const RATED: [number, number][] = [
  [1, 5], // Toy Story
  [2571, 4.5], // The Matrix
  [318, 4], // The Shawshank Redemption
  [296, 2.5], // Pulp Fiction
  [356, 3], // Forrest Gump
];
const HIDDEN = 2; // Jumanji

async function rate(page: Page, movieId: number, rating: number): Promise<void> {
  await page.goto(url(`/movies/${movieId}`), { waitUntil: 'networkidle' });
  await page.getByRole('radio', { name: new RegExp(`^Rate .+ ${rating} stars?$`) }).click();
  await page.getByText(/^Saved$/).waitFor();
}

async function download(page: Page, name: RegExp): Promise<{ file: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const saved = path.join(os.tmpdir(), `e2e-${process.pid}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  return { file: file.suggestedFilename(), text: fs.readFileSync(saved, 'utf8') };
}

describe('export a profile and restore it in another browser', () => {
  let first: OpenBrowser;
  let second: OpenBrowser;
  let exported: { csv: string; json: string };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-transfer-'));

  beforeAll(async () => {
    first = await openBrowser();
    for (const [movieId, rating] of RATED) await rate(first.page, movieId, rating);
    await first.page.goto(url(`/movies/${HIDDEN}`), { waitUntil: 'networkidle' });
    await first.page.getByRole('button', { name: /^Not interested in / }).click();
    await first.page.getByRole('button', { name: /^Undo not interested in / }).waitFor();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads the profile as this site’s CSV and JSON and as Letterboxd’s CSV', async () => {
    const { page } = first;
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Export your ratings' }).waitFor();
    await screenshot(page, 'transfer-profile');
    const csv = await download(page, /Download CSV \(this site\)/);
    expect(csv.file).toMatch(/^movielens-profile-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('kind,movieId,imdbId,tmdbId,title,rating,ratedAt,markedAt');
    expect(lines.filter((line) => line.startsWith('rating,'))).toHaveLength(RATED.length);
    expect(lines.filter((line) => line.startsWith('hidden,2,'))).toHaveLength(1);
    const json = await download(page, /Download JSON/);
    expect(json.file).toMatch(/\.json$/);
    expect(JSON.parse(json.text)).toMatchObject({
      format: 'movielens-recommender-profile',
      hidden: [{ movieId: 2 }],
    });
    const letterboxd = await download(page, /Download Letterboxd CSV/);
    expect(letterboxd.text).toContain('The Matrix,1999,4.5,');
    exported = { csv: csv.text, json: json.text };
  });

  it('refuses a file of another site in a fresh browser, and saves nothing', async () => {
    second = await openBrowser();
    const { page } = second;
    const wrong = path.join(tmp, 'imdb.csv');
    fs.writeFileSync(wrong, 'Const,Your Rating,Date Rated,Title\ntt0114709,8,2020-01-01,Toy Story\n');
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    await page.getByLabel(/^Export file/).setInputFiles(wrong);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText(/^Nothing restored: This is not an export from this site/).waitFor();
    await screenshot(page, 'transfer-refused');
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('You have not rated any movies yet.').waitFor();
  });

  it('restores the CSV after showing what changes, and exports the very same file', async () => {
    const { page } = second;
    const file = path.join(tmp, 'profile.csv');
    fs.writeFileSync(file, exported.csv);
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    await page.getByLabel(/^Export file/).setInputFiles(file);
    await page.getByRole('button', { name: 'Check file' }).click();
    const summary = page.getByRole('region', { name: 'What restoring changes' });
    await summary.getByText(`${RATED.length} ratings: ${RATED.length} new here, 0 newer`).waitFor();
    await summary.getByText('Lists: 1 not interested (1 new here).').waitFor();
    await screenshot(page, 'transfer-check');
    await summary.getByRole('button', { name: 'Restore' }).click();
    await page.getByText(`Restored: ${RATED.length} ratings and 1 mark saved.`).waitFor();
    await page.reload({ waitUntil: 'networkidle' });
    await page
      .getByRole('heading', { name: /Rated movies/ })
      .getByText(String(RATED.length))
      .waitFor();
    await screenshot(page, 'transfer-restored');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'transfer-restored-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await download(page, /Download CSV \(this site\)/)).text).toBe(exported.csv);
    const withoutTime = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '');
    expect(withoutTime((await download(page, /Download JSON/)).text)).toBe(withoutTime(exported.json));
  });

  it('changes nothing when the same JSON is restored again', async () => {
    const { page } = second;
    const file = path.join(tmp, 'profile.json');
    fs.writeFileSync(file, exported.json);
    await page.getByLabel(/^Export file/).setInputFiles(file);
    await page.getByRole('button', { name: 'Check file' }).click();
    const summary = page.getByRole('region', { name: 'What restoring changes' });
    await summary.getByText(/0 new here, 0 newer .*, 5 older or the same/).waitFor();
    await summary.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Nothing changed: this browser already had everything in the file.').waitFor();
  });
});
