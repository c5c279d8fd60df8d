import { openBrowser, type OpenBrowser } from './support/browser';
import { url } from './support/site';

/**
 * One browser, one profile (issue 13, item 7): two tabs opened before the visitor has a profile save their first
 * rating at the same moment; both ratings land in ONE profile (the browser's claim cookie, lib/http/visitor-claim.ts).
 */
describe('first ratings from two tabs at the same moment', () => {
  let browser: OpenBrowser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('create one profile holding both ratings', async () => {
    const { context, page: first } = browser;
    const second = await context.newPage();
    await first.goto(url('/movies/1'));
    await second.goto(url('/movies/2'));
    await Promise.all([first, second].map((page) => page.getByRole('radiogroup').first().waitFor()));
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('visitor');

    // Both clicks go out before either answer comes back.
    await Promise.all([
      first
        .getByRole('radio', { name: /4 stars$/ })
        .first()
        .click(),
      second
        .getByRole('radio', { name: /2 stars$/ })
        .first()
        .click(),
    ]);
    await Promise.all(
      [first, second].map((page) =>
        page.locator('.rating-status').filter({ hasText: 'Saved' }).first().waitFor(),
      ),
    );

    const visitorCookies = (await context.cookies()).filter((cookie) => cookie.name === 'visitor');
    expect(visitorCookies).toHaveLength(1);
    await first.goto(url('/profile'));
    await first.getByText('Toy Story').first().waitFor();
    await first.getByText('Jumanji').first().waitFor();
    await second.close();
  });
});
