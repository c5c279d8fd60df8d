import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * Issue 10's movie night with three profiles: Ann shares her ratings with a share code (and revokes another),
 * Bob plans the night in his own browser, Cy comes as an export file. Every pick shows each person's predicted
 * rating and a one-line reason, under each of the three strategies; none is a movie anyone rated or hid.
 * Screenshots: test-results/screenshots/night-*.png.
 */

const ANN: [number, number][] = [
  [1, 5], // Toy Story
  [6377, 5], // Finding Nemo
  [4886, 4.5], // Monsters, Inc.
  [8961, 4.5], // The Incredibles
  [2355, 4], // A Bug's Life
  [8957, 1], // Saw
];
const BOB: [number, number][] = [
  [2571, 5], // The Matrix
  [1196, 4.5], // Star Wars: The Empire Strikes Back
  [260, 5], // Star Wars
  [1240, 4.5], // The Terminator
  [589, 4], // Terminator 2
  [1, 3], // Toy Story
];
const BOB_HIDES = 356; // Forrest Gump
const CY = {
  format: 'movielens-recommender-profile',
  version: 1,
  ratings: [
    [318, 5], // The Shawshank Redemption
    [858, 5], // The Godfather
    [593, 4.5], // The Silence of the Lambs
    [2959, 4.5], // Fight Club
    [50, 4], // The Usual Suspects
    [6377, 2], // Finding Nemo
  ].map(([movieId, rating]) => ({ movieId, rating, ratedAt: '2026-11-30T20:00:00.000Z' })),
  hidden: [{ movieId: 296, markedAt: '2026-11-30T20:00:00.000Z' }], // Pulp Fiction
};
const SEEN = new Set(
  [...ANN, ...BOB, ...CY.ratings.map((r) => [r.movieId])].map(([id]) => id).concat([BOB_HIDES, 296]),
);

async function rate(page: Page, movieId: number, rating: number): Promise<void> {
  await page.goto(url(`/movies/${movieId}`), { waitUntil: 'networkidle' });
  await page.getByRole('radio', { name: new RegExp(`^Rate .+ ${rating} stars?$`) }).click();
  await page.getByText(/^Saved$/).waitFor();
}

/** Creates a share code and reads it from the list of active codes, where it is the newest. */
async function createCode(page: Page, activeBefore: number): Promise<string> {
  await page.getByRole('button', { name: 'Create a share code' }).click();
  const active = page.getByRole('list', { name: 'Your active share codes' }).getByRole('listitem');
  await active.nth(activeBefore).waitFor();
  await page.getByText(/^Share code [0-9A-Z-]{14} created/).waitFor();
  return (await active.first().locator('code').textContent()) ?? '';
}

describe('a movie night for three', () => {
  let ann: OpenBrowser;
  let bob: OpenBrowser;
  let annCode = '';
  let revokedCode = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-night-'));

  beforeAll(async () => {
    ann = await openBrowser();
    bob = await openBrowser();
    for (const [movieId, rating] of ANN) await rate(ann.page, movieId, rating);
    for (const [movieId, rating] of BOB) await rate(bob.page, movieId, rating);
    await bob.page.goto(url(`/movies/${BOB_HIDES}`), { waitUntil: 'networkidle' });
    await bob.page.getByRole('button', { name: /^Not interested in / }).click();
    await bob.page.getByRole('button', { name: /^Undo not interested in / }).waitFor();
  });
  afterAll(async () => {
    await ann?.close();
    await bob?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lets Ann create share codes, see them listed and revoke one', async () => {
    const { page } = ann;
    await page.goto(url('/profile'), { waitUntil: 'networkidle' });
    revokedCode = await createCode(page, 0);
    await page.getByText('Leave out some movies (6 rated)').click();
    await page.getByLabel(/^Leave out Saw/).check();
    annCode = await createCode(page, 1);
    expect(annCode).not.toBe(revokedCode);
    const active = page.getByRole('list', { name: 'Your active share codes' });
    await active.getByText(annCode).waitFor();
    await active.getByRole('listitem').filter({ hasText: annCode }).getByText('5 ratings').waitFor();
    await screenshot(page, 'night-share-codes');
    await active.getByRole('button', { name: `Revoke ${revokedCode}` }).click();
    await active.getByText(revokedCode).waitFor({ state: 'detached' });
    expect(await active.getByRole('listitem').count()).toBe(1);
  });

  it('refuses a revoked code, then plans for Bob, Ann (share code) and Cy (export file) under each strategy', async () => {
    const { page } = bob;
    const cyFile = path.join(tmp, 'cy.json');
    fs.writeFileSync(cyFile, JSON.stringify(CY));
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Movie night' }).click();
    await page.getByRole('heading', { name: 'Movie night' }).waitFor();
    await page.waitForLoadState('networkidle');

    const person = (n: number) => page.getByRole('group', { name: `Person ${n}` });
    await person(1).getByLabel('Name').fill('Bob');
    expect(await person(1).getByLabel('Taste from').inputValue()).toBe('mine');
    await person(2).getByLabel('Name').fill('Ann');
    await person(2).getByLabel('Share code').fill(revokedCode.toLowerCase());
    await page.getByRole('button', { name: 'Find movies for us' }).click();
    await page.getByText(/^Person 2: This share code does not work/).waitFor();
    await screenshot(page, 'night-revoked-code');

    await person(2).getByLabel('Share code').fill(annCode);
    await page.getByRole('button', { name: 'Add a person' }).click();
    await person(3).getByLabel('Name').fill('Cy');
    await person(3).getByLabel('Taste from').selectOption('file');
    await person(3)
      .getByLabel(/^Export file/)
      .setInputFiles(cyFile);
    await page.getByRole('button', { name: 'Find movies for us' }).click();
    const picks = page.getByRole('list', { name: 'Movies for the group' });
    await picks.waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Movies for Bob, Ann, Cy' }).waitFor();

    const reasons: Record<string, string[]> = {};
    for (const [strategy, file] of [
      ['Average without misery', 'night-without-misery'],
      ['Average', 'night-average'],
      ['Least misery', 'night-least-misery'],
    ] as const) {
      await page.getByRole('radio', { name: strategy, exact: true }).check();
      const items = picks.getByRole('listitem').filter({ has: page.getByRole('link') });
      expect(await items.count()).toBeGreaterThanOrEqual(5);
      for (const item of await items.all()) {
        const badges = await item
          .getByRole('list', { name: 'Predicted ratings' })
          .getByRole('listitem')
          .allTextContents();
        expect(badges.map((b) => b.split(':')[0])).toEqual(['Bob', 'Ann', 'Cy']);
        for (const badge of badges) {
          const value = Number(/([\d.]+)★/.exec(badge)?.[1]);
          expect(value).toBeGreaterThanOrEqual(0.5);
          expect(value).toBeLessThanOrEqual(5);
        }
        const href = (await item.getByRole('link').first().getAttribute('href')) ?? '';
        expect(SEEN.has(Number(href.split('/').pop()))).toBe(false);
      }
      reasons[strategy] = await items.locator('p').allTextContents();
      for (const reason of reasons[strategy]!)
        expect(reason).toMatch(/everyone [\d.]+★( or more; the keenest [\d.]+★ \((Bob|Ann|Cy)\))?$/);
      await screenshot(page, file);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'night-least-misery-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(reasons['Average']![0]).toMatch(/^[\d.]+★ on average: /);
    expect(reasons['Least misery']![0]).toMatch(/^everyone /);
    // Least misery's first pick has the highest floor of all the picks shown under any strategy.
    const floor = (reason: string) => Number(/everyone ([\d.]+)★/.exec(reason)?.[1]);
    const best = Math.max(...Object.values(reasons).flat().map(floor));
    expect(floor(reasons['Least misery']![0]!)).toBe(best);
  });
});
