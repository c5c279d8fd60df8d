import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, screenshot, type OpenBrowser } from './support/browser';
import { isNginxAvailable, NGINX_PATH, startNginx, type Nginx } from './support/nginx';
import { createPgCluster, isPgClusterAvailable, type PgCluster } from './support/pg-cluster';
import { startSite, type Site } from './support/site-harness';

/**
 * The deployment the README describes for more than one machine: two independent instances of the built site (one
 * of them with two worker processes, `WEB_CONCURRENCY=2`) behind a real nginx, over one PostgreSQL. They share
 * SESSION_SECRET and the build (hence its server-action ids and key). A visitor rates through the proxy, whichever
 * instance answers, and sees it on both; the models are fitted once and loaded by the other processes; an import
 * with --replace reaches both instances without a restart.
 */

const required = process.env.CI === 'true' || process.env.REQUIRE_E2E === '1';
const available = isNginxAvailable() && isPgClusterAvailable();
if (!available && !required)
  console.warn(
    `multi-instance e2e skipped: needs ${NGINX_PATH} (apt-get install nginx) and PostgreSQL's initdb`,
  );
const describeIfAvailable = available || required ? describe : describe.skip;

const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const SHARED_ENV = {
  SESSION_SECRET: 'multi-instance-test-secret-'.padEnd(64, 'm'),
  MOVIELENS_DIR: 'data/fixtures/tiny',
  // Look for another process's import every second (default 60) so the test does not wait a minute.
  DATA_CHECK_SECONDS: '1',
};

/** "[engine] ready in 1.2 s: 3 loaded, 4 trained, 0 failed (data …)" → counts per process. */
function readyLines(log: string): { loaded: number; trained: number }[] {
  return [...log.matchAll(/\[engine\] ready in [\d.]+ s: (\d+) loaded, (\d+) trained, (\d+) failed/g)].map(
    (match) => ({ loaded: Number(match[1]), trained: Number(match[2]) }),
  );
}

async function until<T>(what: string, probe: () => Promise<T | null>, limitMs = 120_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The radio of exactly these stars ("5 stars" must not pick "0.5 stars"). */
function starName(stars: string): RegExp {
  return new RegExp(`(?:^|\\s)${stars.replace('.', '\\.')}$`);
}

/**
 * The engine's popular list through the JSON API: what the answering process's catalogue and models hold. Each call
 * opens its own connection (fetch would keep one alive, and a kept connection always reaches the same worker).
 */
function popularIds(site: Site): Promise<number[]> {
  const body = JSON.stringify({
    ratings: [{ movieId: 1, rating: 5 }],
    algorithm: 'popular',
    n: 20,
    minRatings: 0,
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${site.baseUrl}/api/recommendations`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' }, timeout: 15_000 },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const parsed = JSON.parse(text) as { items?: { movieId: number }[] };
          if (response.statusCode !== 200 || !parsed.items?.length)
            reject(
              new Error(`${site.baseUrl}: no popular list (${response.statusCode} ${text.slice(0, 200)})`),
            );
          else resolve(parsed.items.map((item) => item.movieId));
        });
      },
    );
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.end(body);
  });
}

describeIfAvailable('two instances behind nginx over one PostgreSQL', () => {
  let cluster: PgCluster | undefined;
  let sites: Site[] = [];
  let proxy: Nginx | undefined;
  let browser: OpenBrowser | undefined;
  let replacementDir: string | undefined;

  beforeAll(async () => {
    cluster = await createPgCluster();
    // The logs are read for what this run did: start them empty.
    for (const name of ['multi-a', 'multi-b']) fs.rmSync(`test-results/${name}-server.log`, { force: true });
    const env = { ...SHARED_ENV, DATABASE_URL: cluster.url() };
    // Started together on an empty database: the first-start import and the fits must each happen once.
    sites = await Promise.all([
      startSite({ name: 'multi-a', env, workers: 2 }),
      startSite({ name: 'multi-b', env }),
    ]);
    await Promise.all(sites.map((site) => site.waitForHealth()));
    proxy = await startNginx({ upstreams: sites.map((site) => site.baseUrl) });
    browser = await openBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await Promise.all(sites.map((site) => site.stop()));
    cluster?.destroy();
    if (replacementDir) fs.rmSync(replacementDir, { recursive: true, force: true });
  });

  it('imports once, fits each model once and every other process loads them', async () => {
    const lines = await until('three processes with their models ready', async () => {
      const found = sites.flatMap((site) => readyLines(site.log()));
      return found.length >= 3 ? found : null;
    });
    expect(lines).toHaveLength(3); // instance A's two workers and instance B
    const specs = lines[0]!.loaded + lines[0]!.trained;
    expect(lines.reduce((sum, line) => sum + line.trained, 0)).toBe(specs);
    expect(lines.every((line) => line.loaded + line.trained === specs)).toBe(true);
    const imports = sites.map((site) => (site.log().match(/\[startup\] Imported /g) ?? []).length);
    expect(imports.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sites[0]!.log()).toContain('[start] 2 worker processes');
  });

  it('saves ratings through the proxy whichever instance answers, and shows them on both', async () => {
    const { page } = browser!;
    const upstreams = new Set<string>();
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && response.headers()['x-upstream'])
        upstreams.add(response.headers()['x-upstream']!);
    });
    const rated = new Map<number, string>();
    const movies = [1, 2, 11, 1, 2, 11, 1, 2, 11, 1];
    const stars = ['4 stars', '3.5 stars', '5 stars', '4.5 stars', '3 stars', '2 stars'];
    for (let i = 0; i < movies.length && !(upstreams.size >= 2 && i >= 3); i++) {
      const movieId = movies[i]!;
      const star = stars[i % stars.length]!;
      await page.goto(`${proxy!.url}/movies/${movieId}`);
      await page
        .getByRole('radio', { name: starName(star) })
        .first()
        .click();
      const status = page.locator('.rating-status').first();
      await status.filter({ hasText: /Saved|Not saved/ }).waitFor();
      expect(await status.innerText()).toBe('Saved');
      rated.set(movieId, star);
      // Round robin: an even number of requests between two ratings would send every action to one instance.
      if (upstreams.size < 2) await page.request.get(`${proxy!.url}/api/health/live`);
    }
    expect(upstreams.size).toBe(2); // server actions answered by both instances
    await screenshot(page, 'multi-instance-rated');

    // The cookie belongs to 127.0.0.1 (not to a port): each instance, asked directly, shows the same profile.
    for (const site of sites) {
      await page.goto(`${site.baseUrl}/profile`);
      for (const [movieId, star] of rated) {
        const row = page
          .getByRole('list', { name: 'Movies you rated' })
          .getByRole('listitem')
          .filter({ has: page.locator(`a[href="/movies/${movieId}"]`) })
          .first();
        await row.waitFor();
        await expect(
          row
            .getByRole('radio', { name: starName(star) })
            .first()
            .isChecked(),
        ).resolves.toBe(true);
      }
    }
    await screenshot(page, 'multi-instance-profile-on-b');
  });

  it('a --replace import reaches both instances without a restart', async () => {
    // The tiny fixture without movie 29 ("City of Lost Children").
    replacementDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-replace-'));
    for (const file of ['movies.csv', 'links.csv', 'ratings.csv', 'tags.csv']) {
      const text = fs.readFileSync(path.join('data/fixtures/tiny', file), 'utf8');
      const column = file === 'movies.csv' || file === 'links.csv' ? 0 : 1;
      const kept = text
        .split('\r\n')
        .filter((line, i) => i === 0 || line === '' || line.split(',')[column] !== '29');
      fs.writeFileSync(path.join(replacementDir, file), kept.join('\r\n'));
    }
    for (const site of sites) expect(await popularIds(site)).toContain(29);
    const before = await sites[1]!.health();
    const oldVersion = before.body.model?.dataVersion;
    expect(oldVersion).toBeTruthy();
    const result = spawnSync(TSX, ['scripts/import.ts', '--replace', '--force', '--dir', replacementDir], {
      env: { ...process.env, DATABASE_URL: cluster!.url(), NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);

    for (const site of sites) {
      // Every process of the instance (instance A has two workers; each fresh connection may reach either): ask
      // until several answers in a row come from the new catalogue.
      await until(`${site.baseUrl} on the new data`, async () => {
        for (let i = 0; i < 6; i++) if ((await popularIds(site)).includes(29)) return null;
        return true;
      });
      const { body } = await site.health();
      expect(body.model?.dataVersion).not.toBe(oldVersion);
      const moviePage = await fetch(`${site.baseUrl}/movies/29`);
      expect(moviePage.status).toBe(404);
    }
  });
});
