import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { startSite, type Site } from './support/site-harness';

/**
 * MovieLens text is data, never markup: a site of its own imports data/fixtures/xss (a title with <b> and
 * <script>, a tag with <img onerror>) and the browser must show both literally, with no element injected and no
 * script run (the payloads would set window.__xss).
 */

const TITLE = "<b>Bold</b> Jumanji <script>window.__xss=1</script> & 'quotes'";
const TAG = '<img src=x onerror=window.__xss=2>';

describe('HTML in MovieLens titles and tags is shown as text', () => {
  let site: Site | undefined;
  let browser: OpenBrowser | undefined;

  beforeAll(async () => {
    site = await startSite({ name: 'reliability-xss', env: { MOVIELENS_DIR: 'data/fixtures/xss' } });
    await site.waitForHealth();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function expectNothingInjected(): Promise<void> {
    const { page } = browser!;
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: /^Bold$/ }).count()).toBe(0);
    const scripts = await page
      .locator('script')
      .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(scripts.filter((text) => text.trim() === 'window.__xss=1')).toEqual([]);
  }

  it('shows the title and the tag literally on the movie page', async () => {
    const { page } = browser!;
    const response = await page.goto(`${site!.baseUrl}/movies/2`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await screenshot(page, 'reliability-xss-movie');
    const text = await page.locator('body').innerText();
    expect(text).toContain(TITLE);
    expect(text).toContain(TAG);
    await expectNothingInjected();

    // The tag is a link to its movies: that page too shows it (and the title) as text.
    await page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: TAG }).click();
    await page.getByRole('heading', { name: `Movies tagged “${TAG}”` }).waitFor();
    await screenshot(page, 'reliability-xss-tag');
    expect(await page.locator('body').innerText()).toContain('<b>Bold</b> Jumanji');
    await expectNothingInjected();
  });

  it('shows the title literally in search suggestions, the home page and the API', async () => {
    const { page } = browser!;
    await page.goto(site!.baseUrl, { waitUntil: 'networkidle' });
    await expectNothingInjected();
    const search = page.getByRole('combobox').first();
    await search.fill('bold');
    await page.getByRole('option').filter({ hasText: 'Jumanji' }).first().waitFor();
    await screenshot(page, 'reliability-xss-search');
    expect(await page.getByRole('listbox').first().innerText()).toContain('<b>Bold</b>');
    await expectNothingInjected();

    // The search reads words, not markup: "<b>Bold</b>" looks for the words "b" and "bold".
    const api = await fetch(`${site!.baseUrl}/api/movies?search=${encodeURIComponent('<b>Bold</b>')}`);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await api.json()) as { items: { title: string }[] }).items.map((item) => item.title)).toEqual([
      `${TITLE} (1995)`,
    ]);
  });
});
