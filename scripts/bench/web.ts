/**
 * Web section of `npm run bench`, against the built site (`npm run build`; NEXT_DIST_DIR picks the folder), one
 * server process, on PGlite and on PostgreSQL:
 *   - server CPU per request of each page (the process group's user+system CPU from /proc around a batch of
 *     sequential requests, divided by the batch: rendering, queries, GC and all);
 *   - /recommendations at 1 and 20 clients against the same visitor's POST /api/recommendations at the same
 *     concurrency, and their throughput ratio (a ratio measured in one run is stable on a noisy machine);
 *   - the title autocomplete;
 *   - a visitor who rated every movie reloading /profile with 3 clients while an anonymous client reads /movies/1.
 * The PGlite folder is kept in .tmp/bench-web-pglite and the PostgreSQL database `bench_web` (on the server of
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) is kept between
 * runs: the first run imports the bundled data and trains (minutes), later runs load the stored models.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '@/db/schema';
import { connectDatabase } from '@/db/client';
import { createVisitor } from '@/lib/data/visitors';
import { modelsReady, startSite, type Site } from '../../e2e/support/site-harness';
import { cpuSecondsOfGroup } from './process-stats';

const ROOT = process.cwd();
const PGLITE_DIR = path.join(ROOT, '.tmp', 'bench-web-pglite');
const PG_DATABASE = 'bench_web';
export const SECRET = crypto.randomBytes(32).toString('hex');
const SEARCHES = [
  'toy',
  'matrix',
  'star w',
  'the godf',
  'pulp',
  'alien',
  'batman',
  'lord of',
  'termin',
  'forrest',
];
const MOVIES = [1, 2, 32, 50, 110, 260, 296, 318, 356, 480, 527, 589, 593, 1196, 2571, 2959, 4993, 58559];
const LIGHT_RATINGS = [5, 4.5, 4, 3, 5, 2, 4, 3.5, 1, 4.5];

/** One printed line: what, the figure, the target beside it. */
export interface WebFigure {
  database: string;
  name: string;
  value: string;
  target: string;
}

interface Visitors {
  light: { cookie: string; ratings: { movieId: number; rating: number }[] };
  heavy: { cookie: string; count: number };
}

export interface Load {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  bytes: number;
  errors: number;
}

export async function benchWeb(): Promise<WebFigure[]> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    console.log(`  skipped: no built site in ${distDir}/ (run \`npm run build\` first)`);
    return [];
  }
  const figures: WebFigure[] = [];
  figures.push(
    ...(await benchDatabase('PGlite', { pgliteDataDir: PGLITE_DIR }, { PGLITE_DATA_DIR: PGLITE_DIR })),
  );
  const postgres = await benchDatabaseUrl(PG_DATABASE);
  if (postgres)
    figures.push(...(await benchDatabase('PostgreSQL', { url: postgres }, { DATABASE_URL: postgres })));
  else console.log('  PostgreSQL: skipped (no server at BENCH_DATABASE_URL / TEST_DATABASE_URL)');
  console.log(`\n  For the README (Benchmarks → Pages):\n\n${markdownTable(figures)}`);
  return figures;
}

/** The figures as the README's table: one row per measurement, one column per database. */
export function markdownTable(figures: WebFigure[]): string {
  const databases = [...new Set(figures.map((figure) => figure.database))];
  const names = [...new Set(figures.map((figure) => figure.name))];
  const rows = names.map((name) => {
    const of = figures.filter((figure) => figure.name === name);
    const cells = databases.map(
      (database) => of.find((figure) => figure.database === database)?.value ?? '—',
    );
    return [name.trim(), ...cells, of[0]?.target ?? '—'];
  });
  const header = ['What', ...databases, 'Target'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

async function benchDatabase(
  database: string,
  connectOptions: { pgliteDataDir?: string; url?: string },
  env: Record<string, string>,
): Promise<WebFigure[]> {
  console.log(`\n  -- ${database} --`);
  // 1. Data and models in place (first run: import + training by the site itself); PGlite is one process, so the
  //    bench visitors are written while no server holds the folder.
  await withSite(env, async () => undefined);
  const visitors = await createBenchVisitors(connectOptions);
  return withSite(env, async (site) => {
    const base = site.baseUrl;
    const figures: WebFigure[] = [];
    const report = (name: string, value: string, target = '—') => {
      figures.push({ database, name, value, target });
      console.log(`  ${name.padEnd(62)} ${value.padEnd(40)} target ${target}`);
    };
    const light = { cookie: visitors.light.cookie };
    const apiBody = JSON.stringify({ ratings: visitors.light.ratings, n: 12 });
    const api = { method: 'POST' as const, body: apiBody, headers: { 'content-type': 'application/json' } };
    // Warm-up: JIT, compiled routes, the caches every first request fills.
    for (const page of ['/', '/recommendations', '/movies/1', '/similarity', '/profile'])
      await drive(`${base}${page}`, { ...light, amount: 20, connections: 2 });
    await drive(`${base}/api/recommendations`, { ...api, amount: 20, connections: 2 });

    // Server CPU per request: one client, so the figure is the work of a request, not of queueing.
    const pages: [string, string, string?][] = [
      ['/', '/'],
      ['/recommendations', '/recommendations', '≤ 4 ms'],
      ['/movies/[id]', '/movies/'],
      ['/similarity', '/similarity'],
      ['/profile', '/profile'],
    ];
    for (const [label, page, target] of pages) {
      const paths = page === '/movies/' ? MOVIES.map((id) => `/movies/${id}`) : undefined;
      const { cpuMs, load } = await cpuPerRequest(site, () =>
        drive(`${base}${page}`, { ...light, amount: 100, connections: 1, paths }),
      );
      report(
        `server CPU per request, ${label} (10-rating visitor)`,
        `${cpuMs.toFixed(1)} ms (${(load.bytes / load.requests / 1024).toFixed(0)} kB)`,
        target,
      );
    }
    const { cpuMs: apiCpu } = await cpuPerRequest(site, () =>
      drive(`${base}/api/recommendations`, { ...api, amount: 100, connections: 1 }),
    );
    report('server CPU per request, POST /api/recommendations (same ratings)', `${apiCpu.toFixed(1)} ms`);

    // The page against the JSON API computing the same list, at the same concurrency.
    for (const connections of [1, 20]) {
      const amount = connections === 1 ? 100 : 400;
      const page = await drive(`${base}/recommendations`, { ...light, amount, connections });
      const json = await drive(`${base}/api/recommendations`, { ...api, amount, connections });
      const ratio = page.perSecond / json.perSecond;
      report(
        `GET /recommendations, ${connections} client(s), p50 / p99`,
        latency(page),
        connections === 20 ? 'p50 < 50 ms' : '—',
      );
      report(`POST /api/recommendations, ${connections} client(s), p50 / p99`, latency(json));
      report(
        `page / API throughput, ${connections} client(s)`,
        `${page.perSecond.toFixed(0)} / ${json.perSecond.toFixed(0)} req/s = ${(ratio * 100).toFixed(0)} %`,
        connections === 20 ? '≥ 40 %' : '—',
      );
    }

    const searchPaths = SEARCHES.map((text) => `/api/movies?search=${encodeURIComponent(text)}`);
    report(
      'autocomplete /api/movies?search=, 1 client, p50 / p99',
      latency(await drive(`${base}/api/movies`, { amount: 100, connections: 1, paths: searchPaths })),
      'p99 < 30 ms',
    );
    report(
      'autocomplete, 20 clients, p50 / p99',
      latency(await drive(`${base}/api/movies`, { amount: 400, connections: 20, paths: searchPaths })),
    );

    // One heavy visitor must not slow anyone else down.
    const heavy = { cookie: visitors.heavy.cookie };
    const single = await drive(`${base}/profile`, {
      ...heavy,
      amount: 5,
      connections: 1,
      tolerateErrors: true,
    });
    report(
      `/profile of a visitor with ${visitors.heavy.count} ratings, alone, p50`,
      `${single.p50.toFixed(0)} ms, ${(single.bytes / Math.max(1, single.requests) / 1024).toFixed(0)} kB, ${single.errors} errors`,
    );
    const hammer = drive(`${base}/profile`, { ...heavy, duration: 15, connections: 3, tolerateErrors: true });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const bystander = await drive(`${base}/movies/1`, { duration: 12, connections: 1, tolerateErrors: true });
    const heavyLoad = await hammer;
    report(
      `anonymous /movies/1 while 3 clients reload that /profile, p50 / p99 / max`,
      `${latency(bystander)} / ${bystander.max.toFixed(0)} ms, ${bystander.errors} errors`,
      'max < 100 ms',
    );
    report(
      '  (the heavy /profile meanwhile, p50 / p99)',
      `${latency(heavyLoad)}, ${heavyLoad.errors} errors`,
    );
    return figures;
  });
}

export function latency(load: Load): string {
  return `${load.p50.toFixed(0)} ms / ${load.p99.toFixed(0)} ms`;
}

async function cpuPerRequest(site: Site, body: () => Promise<Load>): Promise<{ cpuMs: number; load: Load }> {
  const before = cpuSecondsOfGroup(site.pid);
  const load = await body();
  const after = cpuSecondsOfGroup(site.pid);
  return { cpuMs: ((after - before) * 1000) / load.requests, load };
}

export async function drive(
  target: string,
  options: {
    cookie?: string;
    amount?: number;
    duration?: number;
    connections: number;
    paths?: string[];
    method?: 'GET' | 'POST';
    body?: string;
    headers?: Record<string, string>;
    /** Count failures (timeouts after 60 s) instead of stopping the benchmark. */
    tolerateErrors?: boolean;
  },
): Promise<Load> {
  const origin = new URL(target).origin;
  const result = await autocannon({
    url: options.paths ? origin : target,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
    ...(options.duration === undefined ? {} : { duration: options.duration }),
    connections: options.connections,
    ...(options.method ? { method: options.method, body: options.body } : {}),
    headers: { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) },
    requests: options.paths?.map((p) => ({ path: p, method: 'GET' as const })),
  });
  if ((result.non2xx > 0 || result.errors > 0) && !options.tolerateErrors)
    throw new Error(`${target}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return {
    requests: result.requests.total,
    // Little's law for a closed loop (each connection sends its next request when the last one is answered):
    // autocannon stops on a one-second tick, so requests ÷ elapsed time is too coarse for a batch of a few seconds.
    perSecond: (options.connections * 1000) / result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    bytes: result.throughput.total,
    errors: result.non2xx + result.errors,
  };
}

/** The session cookie the site would set (lib/session.ts accepts `v1.<id>.<created ms>.<HMAC-SHA256>`). */
function visitorCookie(id: number, createdAt: Date): string {
  const payload = `v1.${id}.${createdAt.getTime()}`;
  return `visitor=${payload}.${crypto.createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
}

/**
 * A visitor with 10 ratings of popular movies and one who rated every movie in the catalogue (9,742 in the bundled
 * data: the most one visitor can have). Visitors of earlier runs are deleted first (this database is the bench's
 * own; visitors never enter training, so the stored models stay valid).
 */
async function createBenchVisitors(options: { pgliteDataDir?: string; url?: string }): Promise<Visitors> {
  const connection = await connectDatabase({
    pgliteDataDir: options.pgliteDataDir,
    databaseUrl: options.url,
  });
  try {
    const { db } = connection;
    await db.deleteFrom('users').where('kind', '=', 'visitor').execute();
    const popular = await db
      .selectFrom('ratings')
      .select('movie_id')
      .groupBy('movie_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .orderBy('movie_id')
      .limit(LIGHT_RATINGS.length)
      .execute();
    const light = await createLightVisitor(
      db,
      popular.map((row) => row.movie_id),
    );
    const heavyVisitor = await createVisitor(db);
    const movies = await db.selectFrom('movies').select('id').orderBy('id').execute();
    for (let start = 0; start < movies.length; start += 2000) {
      await db
        .insertInto('ratings')
        .values(
          movies.slice(start, start + 2000).map((row, i) => ({
            user_id: heavyVisitor.id,
            movie_id: row.id,
            rating: ((start + i) % 10) / 2 + 0.5,
          })),
        )
        .execute();
    }
    return {
      light,
      heavy: { cookie: visitorCookie(heavyVisitor.id, heavyVisitor.createdAt), count: movies.length },
    };
  } finally {
    await connection.close();
  }
}

/**
 * A visitor who rated `movieIds` (the most rated movies: LIGHT_RATINGS, a mixed taste of 10), with the cookie the
 * site accepts.
 */
export async function createLightVisitor(
  db: Kysely<DB>,
  movieIds: readonly number[],
): Promise<{ cookie: string; ratings: { movieId: number; rating: number }[] }> {
  const visitor = await createVisitor(db);
  const ratings = movieIds
    .slice(0, LIGHT_RATINGS.length)
    .map((movieId, i) => ({ movieId, rating: LIGHT_RATINGS[i] as number }));
  await db
    .insertInto('ratings')
    .values(ratings.map((r) => ({ user_id: visitor.id, movie_id: r.movieId, rating: r.rating })))
    .execute();
  return { cookie: visitorCookie(visitor.id, visitor.createdAt), ratings };
}

/**
 * A bench's own database on the PostgreSQL server of BENCH_DATABASE_URL / TEST_DATABASE_URL (default the local
 * server), created once and kept so that later runs reuse its data and models; null when no server answers.
 */
export async function benchDatabaseUrl(name: string): Promise<string | null> {
  const admin =
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withSite<T>(env: Record<string, string>, body: (site: Site) => Promise<T>): Promise<T> {
  const site = await startSite({
    name: 'bench-web',
    dataDir: env.PGLITE_DATA_DIR,
    env: { SESSION_SECRET: SECRET, ...env },
    verbose: true,
  });
  try {
    await site.waitForHealth(modelsReady, 900_000, { failFast: true });
    return await body(site);
  } finally {
    await site.stop();
  }
}
