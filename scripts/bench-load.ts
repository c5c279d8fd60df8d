/**
 * npm run bench:load [-- --duration 30 --connections 50 --dialect both|pglite|postgresql --workers 1,2 --breakdown --soak 5]
 * Starts the BUILT site (NEXT_DIST_DIR, default .next; run `npm run build` first) on a fresh database with the
 * bundled data, waits until its models are ready, then drives it with autocannon twice in a row over a mix of
 * pages (/, /movies/[id], /recommendations with a visitor cookie), autocomplete (/api/movies?search=) and
 * POST /api/recommendations. Prints requests/s, p50/p99 latency, errors (non-2xx included) and the server's
 * RSS after each run (it must not keep growing); --breakdown then drives each kind of request alone; --soak <minutes>
 * then keeps the same load on for that long, printing RSS every 30 s, and compares the last 3 minutes (never in CI:
 * it takes minutes per database). PostgreSQL: a database `bench_load` created on the server of
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards; with
 * --workers 1,2 the PostgreSQL runs are repeated with each number of worker processes (WEB_CONCURRENCY; PGlite is
 * one process) and the throughput ratio is printed.
 */
import runAutocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { modelsReady, startSite, type Site } from '../e2e/support/site-harness';
import { groupRssMb } from './bench/process-stats';
import { runScript } from './lib/run-script';

// scripts/bench/autocannon.d.ts types the few options web.ts uses; this script needs a few more of autocannon's.
interface LoadRequest {
  method: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: LoadRequest & { path: string }) => LoadRequest & { body?: string };
}
interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = runAutocannon as unknown as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
}) => Promise<LoadResult>;

const ROOT = process.cwd();
const DIST = process.env.NEXT_DIST_DIR || '.next';
const SECRET = 'bench-load-session-secret-'.padEnd(64, 'b');
const MOVIES = [1, 2, 32, 50, 110, 260, 296, 318, 356, 480, 527, 589, 593, 1196, 2571, 2959, 4993, 58559];
const SEARCHES = ['toy', 'the matrix', 'star w', 'godfather', 'amé', 'lord of', 'pulp', 'a', 'zzz', 'in'];

async function startBenchSite(env: Record<string, string>, workers: number): Promise<Site> {
  const site = await startSite({ name: 'bench-load', env: { SESSION_SECRET: SECRET, ...env }, workers });
  const start = Date.now();
  await site.waitForHealth(modelsReady, 900_000, { failFast: true });
  console.log(`  site ready in ${Math.round((Date.now() - start) / 1000)} s`);
  return site;
}

/** A visitor cookie with a few ratings, made through the rateMovie server action (its id is in the build). */
async function visitorCookie(baseUrl: string): Promise<string | null> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, DIST, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const actionId = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === 'rateMovie')?.[0];
  if (!actionId) return null;
  let cookie: string | null = null;
  for (const [movieId, rating] of [
    [1, 5],
    [2571, 4.5],
    [318, 4],
    [2, 2],
  ] as const) {
    const form = new FormData();
    form.set('_1_movieId', String(movieId));
    form.set('_1_rating', String(rating));
    form.set('0', JSON.stringify([{ status: 'idle', message: '', rating: null }, '$K1']));
    const response: Response = await fetch(`${baseUrl}/movies/${movieId}`, {
      method: 'POST',
      headers: {
        accept: 'text/x-component',
        'next-action': actionId,
        origin: baseUrl,
        ...(cookie ? { cookie } : {}),
      },
      body: form,
    });
    await response.text();
    cookie ??=
      response.headers
        .getSetCookie()
        .find((line: string) => line.startsWith('visitor='))
        ?.split(';')[0] ?? null;
  }
  return cookie;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function mix(cookie: string | null): { name: string; request: LoadRequest }[] {
  const withCookie = cookie ? { cookie } : undefined;
  // Two different movies: the API refuses a movie rated twice.
  const body = () =>
    JSON.stringify({
      ratings: [
        { movieId: pick(MOVIES.filter((id) => id !== 260)), rating: 5 },
        { movieId: 260, rating: 4 },
      ],
      algorithm: pick(['cosine', 'nmf', 'popular']),
      n: 10,
    });
  return [
    { name: '/', request: { method: 'GET', path: '/' } },
    {
      name: '/movies/[id]',
      request: {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/movies/${pick(MOVIES)}` }),
      },
    },
    { name: '/recommendations', request: { method: 'GET', path: '/recommendations', headers: withCookie } },
    {
      name: '/api/movies?search=',
      request: {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/api/movies?search=${encodeURIComponent(pick(SEARCHES))}`,
        }),
      },
    },
    {
      name: 'POST /api/recommendations',
      request: {
        method: 'POST',
        path: '/api/recommendations',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    },
  ];
}

function summarise(result: LoadResult) {
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${count}x${code}`);
  if (result.timeouts) codes.push(`${result.timeouts} timeouts`);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    detail: codes.length ? ` (${codes.join(', ')})` : '',
    requests: result.requests.total,
  };
}

/** Each kind of request alone, briefly: where the time goes. */
async function breakdown(site: Site, cookie: string | null) {
  for (const { name, request } of mix(cookie)) {
    const r = summarise(
      await autocannon({ url: site.baseUrl, connections: 10, duration: 10, requests: [request] }),
    );
    console.log(
      `    ${name.padEnd(26)} ${String(r.requestsPerSecond).padStart(5)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors${r.detail}`,
    );
  }
}

async function drive(site: Site, cookie: string | null, options: { duration: number; connections: number }) {
  const result = await autocannon({
    url: site.baseUrl,
    connections: options.connections,
    duration: options.duration,
    requests: mix(cookie).map(({ request }) => request),
  });
  return { ...summarise(result), rssMb: groupRssMb(site.pid) };
}

/**
 * The same mixed load for `soakMinutes`, in 30-second slices with the RSS after each: memory that settles is flat
 * over the last 3 minutes (target: within 10 %), a leak keeps climbing.
 */
async function soak(
  site: Site,
  cookie: string | null,
  options: { connections: number; soakMinutes: number },
) {
  const slices = Math.max(1, Math.round((options.soakMinutes * 60) / 30));
  console.log(`  soak: ${options.soakMinutes} min of the same load, RSS every 30 s`);
  const samples: number[] = [];
  let errors = 0;
  let worstP99 = 0;
  for (let slice = 1; slice <= slices; slice++) {
    const r = await drive(site, cookie, { connections: options.connections, duration: 30 });
    samples.push(r.rssMb);
    errors += r.errors;
    worstP99 = Math.max(worstP99, r.p99);
    console.log(
      `    ${String(slice * 30).padStart(4)} s: RSS ${r.rssMb} MB, ${r.requestsPerSecond} req/s, p99 ${r.p99} ms, ${r.errors} errors`,
    );
  }
  const last = samples.slice(-6); // the last 3 minutes
  const low = Math.min(...last);
  const high = Math.max(...last);
  console.log(
    `  soak: RSS over the last 3 min ${low}–${high} MB (spread ${(((high - low) / low) * 100).toFixed(1)} %), worst p99 ${worstP99} ms, ${errors} errors   target spread ≤ 10 %`,
  );
}

async function benchDialect(
  name: string,
  env: Record<string, string>,
  options: { duration: number; connections: number; breakdown: boolean; soakMinutes: number },
  workers = 1,
): Promise<number[]> {
  console.log(
    `\n${name}: starting the site on a fresh database with the bundled data (import and training first)`,
  );
  const site = await startBenchSite(env, workers);
  const throughput: number[] = [];
  try {
    const cookie = await visitorCookie(site.baseUrl);
    if (!cookie) console.log('  (no visitor cookie: /recommendations is driven without one)');
    console.log(`  RSS before: ${groupRssMb(site.pid)} MB`);
    for (const run of [1, 2]) {
      const r = await drive(site, cookie, options);
      throughput.push(r.requestsPerSecond);
      console.log(
        `  run ${run}: ${r.requestsPerSecond} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors${r.detail} of ${r.requests} requests, RSS ${r.rssMb} MB   target p99 < 300 ms, 0 errors`,
      );
    }
    if (options.soakMinutes > 0) await soak(site, cookie, options);
    if (options.breakdown) {
      console.log('  each kind of request alone (10 connections, 10 s):');
      await breakdown(site, cookie);
    }
  } finally {
    await site.stop();
  }
  return throughput;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '50' },
      dialect: { type: 'string', default: 'both' },
      breakdown: { type: 'boolean', default: false },
      soak: { type: 'string', default: '0' },
      workers: { type: 'string', default: '1' },
    },
  });
  const workerCounts = (values.workers ?? '1').split(',').map(Number);
  if (!workerCounts.every((n) => Number.isInteger(n) && n >= 1))
    throw new Error('--workers takes worker counts separated by commas, e.g. 1,2');
  const options = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    breakdown: values.breakdown ?? false,
    soakMinutes: Number(values.soak),
  };
  if (!(options.soakMinutes >= 0)) throw new Error('--soak takes a number of minutes');
  if (!fs.existsSync(path.join(ROOT, DIST, 'BUILD_ID')))
    throw new Error(`no build in ${DIST}/: run \`npm run build\` first`);
  console.log(
    `Load: ${options.connections} connections for ${options.duration} s per run, 2 runs per database, ${os.cpus().length} CPUs (build ${DIST}/)`,
  );
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });

  if (values.dialect !== 'postgresql') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-bench-load-'));
    try {
      await benchDialect('PGlite', { PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' }, options);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (values.dialect !== 'pglite') {
    const admin = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const database = 'bench_load';
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const best = new Map<number, number>();
    try {
      for (const workers of workerCounts) {
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${database}`);
        const url = new URL(admin);
        url.pathname = `/${database}`;
        const label =
          workerCounts.length > 1 || workers > 1 ? `PostgreSQL, ${workers} worker processes` : 'PostgreSQL';
        const runs = await benchDialect(label, { DATABASE_URL: url.toString() }, options, workers);
        best.set(workers, Math.max(...runs));
      }
      if (best.has(1))
        for (const [workers, rps] of best)
          if (workers > 1)
            console.log(
              `\nPostgreSQL throughput, ${workers} workers / 1 worker (best run each): ${(rps / (best.get(1) as number)).toFixed(2)}×   target > 1 (WEB_CONCURRENCY raises throughput)`,
            );
    } finally {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await client.end();
    }
  }
}

runScript(main);
