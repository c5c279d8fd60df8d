import { openBrowser, type OpenBrowser } from './support/browser';
import { baseUrl, operatorHeaders, url } from './support/site';

/**
 * Visitor isolation and server-action safety on the running site:
 * - a cookie that was altered or forged gets a fresh anonymous profile, never someone else's ratings;
 * - a real rateMovie server-action POST (captured in the browser) replayed from another origin is rejected and
 *   writes nothing, while the same replay from the site's own origin is accepted (so the replay is genuine);
 * - 20 visitors saving 10 ratings each through the real server at once (each visitor in order, as a browser
 *   sends them) end with exactly their last rating of each movie: none lost, none duplicated.
 */

const COOKIE = 'visitor';
const NAMES: Record<number, string> = {
  1: 'Toy Story',
  2: 'Jumanji',
  2571: 'The Matrix',
  318: 'The Shawshank Redemption',
  356: 'Forrest Gump',
};
const IDLE = JSON.stringify([{ status: 'idle', message: '', rating: null }, '$K1']);

interface Action {
  id: string;
}

async function ratingCount(): Promise<number> {
  const response = await fetch(url('/api/health'), { headers: operatorHeaders() });
  return ((await response.json()) as { database: { counts: { ratings: number } } }).database.counts.ratings;
}

/** Calls the rateMovie server action the way the browser does (same fields, same headers). */
async function rate(
  action: Action,
  movieId: number,
  rating: number,
  options: { cookie?: string; origin?: string } = {},
) {
  const form = new FormData();
  form.set('_1_movieId', String(movieId));
  form.set('_1_rating', String(rating));
  form.set('0', IDLE);
  const response = await fetch(url(`/movies/${movieId}`), {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'next-action': action.id,
      origin: options.origin ?? baseUrl(),
      ...(options.cookie ? { cookie: `${COOKIE}=${options.cookie}` } : {}),
    },
    body: form,
  });
  const text = await response.text();
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE}=`));
  return {
    status: response.status,
    saved: /"status":"saved"/.test(text),
    cookie: setCookie?.split(';')[0]?.slice(COOKIE.length + 1),
  };
}

/** The visitor's ratings as their profile page shows them: "Rate <title> <n> stars" radios that are checked. */
async function profileRatings(cookie: string | null): Promise<string[]> {
  const response = await fetch(url('/profile'), { headers: cookie ? { cookie: `${COOKIE}=${cookie}` } : {} });
  const html = await response.text();
  return [...html.matchAll(/<button[^>]*aria-checked="true"[^>]*>/g)]
    .map((match) => /aria-label="Rate ([^"]*)"/.exec(match[0])?.[1] ?? '')
    .filter(Boolean)
    .sort();
}

describe('visitor isolation and server-action safety', () => {
  let alice: OpenBrowser;
  let mallory: OpenBrowser;
  let action: Action;
  let aliceCookie: string;

  beforeAll(async () => {
    alice = await openBrowser();
    mallory = await openBrowser();
    // Alice rates Toy Story in the browser; the rateMovie call is captured on its way out.
    const captured = new Promise<Action>((resolve) => {
      alice.page.on('request', (request) => {
        const id = request.headers()['next-action'];
        if (request.method() === 'POST' && id && /_1_rating/.test(request.postData() ?? '')) resolve({ id });
      });
    });
    await alice.page.goto(url('/movies/1'));
    await alice.page
      .getByRole('radio', { name: /4 stars$/ })
      .first()
      .click();
    await alice.page.locator('.rating-status').filter({ hasText: 'Saved' }).first().waitFor();
    action = await captured;
    aliceCookie = (await alice.context.cookies()).find((cookie) => cookie.name === COOKIE)!.value;
  });
  afterAll(async () => {
    await alice?.close();
    await mallory?.close();
  });

  it("gives an altered or forged cookie a fresh profile, never Alice's ratings", async () => {
    expect(await profileRatings(aliceCookie)).toEqual(['Toy Story 4 stars']);
    const [version, id, createdAt, issuedAt, signature] = aliceCookie.split('.');
    const altered = [
      [version, Number(id) + 1, createdAt, issuedAt, signature].join('.'), // someone else's id, Alice's signature
      [version, id, Number(createdAt) + 1, issuedAt, signature].join('.'),
      [version, id, createdAt, Number(issuedAt) + 1, signature].join('.'), // a longer life
      [version, id, createdAt, issuedAt, `${signature!.slice(0, -2)}AA`].join('.'),
      `${version}.${id}.${createdAt}.${issuedAt}.${'A'.repeat(43)}`,
      'garbage',
    ];
    for (const cookie of altered) expect([cookie, await profileRatings(cookie)]).toEqual([cookie, []]);

    // Mallory's browser holds Alice's id with a broken signature and rates a movie: a new profile is made for her.
    const domain = new URL(baseUrl()).hostname;
    await mallory.context.addCookies([{ name: COOKIE, value: altered[2]!, domain, path: '/' }]);
    await mallory.page.goto(url('/movies/2'));
    await mallory.page
      .getByRole('radio', { name: /2 stars$/ })
      .first()
      .click();
    await mallory.page.locator('.rating-status').filter({ hasText: 'Saved' }).first().waitFor();
    const malloryCookie = (await mallory.context.cookies()).find((cookie) => cookie.name === COOKIE)!.value;
    expect(malloryCookie.split('.')[1]).not.toBe(id);
    expect(await profileRatings(malloryCookie)).toEqual(['Jumanji 2 stars']);
    expect(await profileRatings(aliceCookie)).toEqual(['Toy Story 4 stars']);
  });

  it('rejects a replayed server action from another origin and writes nothing', async () => {
    const before = await ratingCount();
    const evil = await rate(action, 2571, 0.5, { cookie: aliceCookie, origin: 'http://evil.example' });
    expect(evil.status).toBeGreaterThanOrEqual(400);
    expect(evil.saved).toBe(false);
    expect(evil.cookie).toBeUndefined();
    const noCookie = await rate(action, 2571, 0.5, { origin: 'http://evil.example' });
    expect(noCookie.saved).toBe(false);
    expect(noCookie.cookie).toBeUndefined();
    expect(await ratingCount()).toBe(before);
    expect(await profileRatings(aliceCookie)).toEqual(['Toy Story 4 stars']);

    // The same replay from the site's own origin is a genuine call: it saves.
    const genuine = await rate(action, 2571, 0.5, { cookie: aliceCookie });
    expect(genuine.saved).toBe(true);
    expect(await ratingCount()).toBe(before + 1);
    expect(await profileRatings(aliceCookie)).toEqual(['The Matrix 0.5 stars', 'Toy Story 4 stars']);
  });

  it('keeps each of 20 concurrent visitors’ last rating of each movie: none lost, none duplicated', async () => {
    const movies = [1, 2, 2571, 318, 356]; // 5 movies, 10 saves each: every movie is rated twice by every visitor
    const before = await ratingCount();
    const visitors = await Promise.all(
      Array.from({ length: 20 }, async (_, v) => {
        const first = await rate(action, movies[0]!, 0.5);
        expect(first.saved).toBe(true);
        return { cookie: first.cookie!, v };
      }),
    );
    const plan = (v: number) =>
      Array.from({ length: 10 }, (_, j) => ({
        movieId: movies[j % movies.length]!,
        rating: ((v + j) % 10) / 2 + 0.5,
      }));
    await Promise.all(
      visitors.map(async ({ cookie, v }) => {
        for (const { movieId, rating } of plan(v))
          expect((await rate(action, movieId, rating, { cookie })).saved).toBe(true);
      }),
    );
    expect(await ratingCount()).toBe(before + 20 * movies.length);
    for (const { cookie, v } of visitors) {
      const last = new Map(plan(v).map(({ movieId, rating }) => [movieId, rating]));
      const expected = [...last]
        .map(([movieId, rating]) => `${NAMES[movieId]} ${rating} ${rating === 1 ? 'star' : 'stars'}`)
        .sort();
      expect(await profileRatings(cookie)).toEqual(expected);
    }
  });
});
