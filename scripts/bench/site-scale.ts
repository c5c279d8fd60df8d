/**
 * The product at 32M ratings (issue 11), `npm run bench -- --scale --only site` (after `npm run build`; needs
 * PostgreSQL: BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server). Every figure comes from the product's own
 * paths:
 *   1. `npm run db:import` of the 32M synthetic folder (scripts/bench/import-scale.ts makes it) into the database
 *      `bench_site_32m`, once: later runs find it imported and skip to 2;
 *   2. `npm run train -- --force` in a child process: wall time, peak RSS of its process (worker threads included),
 *      each model's fit time as the script prints it;
 *   3. the built site started on that database: seconds until every stored model is loaded, RSS once ready;
 *   4. one client: /recommendations of a visitor with 10 ratings, POST /api/recommendations for every model of the
 *      API (fold-in + top 10 + the request), the start page, movie pages, /similarity, the title search per keystroke.
 * Figures are printed with the targets beside them; nothing passes or fails.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '@/db/client';
import { API_SPECS, modelQuery } from '@/lib/recsys/model-specs';
import { modelsReady, startSite } from '../../e2e/support/site-harness';
import { importInChild, SCALE_SHAPES, syntheticFolder } from './import-scale';
import { groupRssMb } from './process-stats';
import { benchDatabaseUrl, createLightVisitor, drive, latency, SECRET, type Load } from './web';

const DATABASE = 'bench_site_32m';
const KEYSTROKES = [
  'm',
  'mo',
  'mov',
  'movi',
  'movie',
  'movie ',
  'movie 4',
  'movie 42',
  'movie 421',
  'movie 4217',
];

function report(name: string, value: string, target = '—'): void {
  console.log(`  ${name.padEnd(66)} ${value.padEnd(34)} target ${target}`);
}

export async function benchSiteScale(): Promise<void> {
  const url = await benchDatabaseUrl(DATABASE);
  if (!url) {
    console.log(
      '  skipped: no PostgreSQL server answers (BENCH_DATABASE_URL, TEST_DATABASE_URL or 127.0.0.1:5432)',
    );
    return;
  }
  const shape = SCALE_SHAPES['32M'];

  // 1. Data.
  // The generator draws ~32M distinct pairs (31,999,975 with seed 1), not exactly shape.ratings.
  const imported = await latestImportRatings(url);
  if (imported === null || imported < 0.99 * shape.ratings) {
    const dir = syntheticFolder('32M');
    const figure = importInChild(dir, { DATABASE_URL: url });
    report(
      `npm run db:import, ${figure.ratings.toLocaleString('en-US')} ratings into PostgreSQL`,
      `${(figure.ms / 1000).toFixed(0)} s, peak RSS ${figure.maxRssMb} MB`,
      '< 240 s, < 1536 MB',
    );
  } else console.log(`  ${DATABASE} already holds the 32M import: not imported again`);

  // 2. Training (BENCH_SITE_TRAINED=1 skips it, for measuring the site again on models already stored).
  if (process.env.BENCH_SITE_TRAINED === '1')
    console.log('  BENCH_SITE_TRAINED=1: the stored models are used');
  else {
    const train = await trainInChild(url);
    for (const line of train.modelLines) console.log(`    ${line}`);
    report(
      'npm run train -- --force, every served model (two worker threads)',
      `${(train.ms / 60_000).toFixed(1)} min, peak RSS ${(train.peakRssMb / 1024).toFixed(1)} GB`,
      '< 15 min, < 8 GB',
    );
    if (train.exitCode !== 0) console.log(`  training exited with ${train.exitCode}: see the lines above`);
  }

  // 3. The site on it.
  const started = performance.now();
  // `npm start` as it runs by default with PostgreSQL on this machine: one worker process per core.
  const workers = Math.max(2, os.availableParallelism());
  const site = await startSite({
    name: 'bench-site-32m',
    env: { DATABASE_URL: url, SESSION_SECRET: SECRET },
    workers,
    verbose: true,
  });
  try {
    console.log('  waiting for every worker to serve its stored models…');
    await site.waitForHealth(modelsReady, 600_000, { failFast: true });
    await everyWorkerReady(site.baseUrl, 600_000);
    report(
      `site start on 32M (${workers} worker processes) until every stored model serves in each`,
      `${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${groupRssMb(site.pid)} MB`,
      '< 60 s',
    );
    console.log('  making the visitor…');
    const visitor = await createScaleVisitor(url);
    const base = site.baseUrl;
    const cookie = visitor.cookie;
    const one = async (target: string, options: Parameters<typeof drive>[1]): Promise<Load> => {
      // Warm-up over several connections, so that every worker process compiles the route and fills its caches.
      await drive(target, { ...options, amount: 4 * workers, connections: 2 * workers });
      return drive(target, options);
    };
    report(
      '/recommendations (10-rating visitor), 1 client, p50 / p99',
      latency(await one(`${base}/recommendations`, { cookie, amount: 40, connections: 1 })),
      'p50 < 80 ms',
    );
    const body = (spec: (typeof API_SPECS)[number]) =>
      JSON.stringify({ ratings: visitor.ratings, n: 10, ...modelQuery(spec) });
    for (const spec of API_SPECS) {
      const load = await one(`${base}/api/recommendations`, {
        method: 'POST',
        body: body(spec),
        headers: { 'content-type': 'application/json' },
        amount: 100,
        connections: 1,
      });
      report(
        `POST /api/recommendations, ${spec.key}, p50 / p99`,
        latency(load),
        'fold-in + top 10 p99 < 15 ms',
      );
    }
    report(
      '/ (start page), 1 client, p50 / p99',
      latency(await one(`${base}/`, { cookie, amount: 40, connections: 1 })),
    );
    report(
      '/movies/[id] (10 movies), 1 client, p50 / p99',
      latency(
        await one(base, {
          cookie,
          amount: 40,
          connections: 1,
          paths: [1, 2, 3, 10, 100, 1000, 5000, 20000, 50000, 87000].map((id) => `/movies/${id}`),
        }),
      ),
    );
    report(
      '/similarity (heat map of 30 sampled users), 1 client, p50 / p99',
      latency(await one(`${base}/similarity`, { cookie, amount: 20, connections: 1 })),
    );
    report(
      `GET /api/movies?search=<keystroke> over ${shape.movies.toLocaleString('en-US')} titles, p50 / p99`,
      latency(
        await one(base, {
          amount: KEYSTROKES.length * 10,
          connections: 1,
          paths: KEYSTROKES.map((text) => `/api/movies?search=${encodeURIComponent(text)}`),
        }),
      ),
      'p99 < 30 ms',
    );
    report('RSS of the site after these', `${groupRssMb(site.pid)} MB`);
  } finally {
    await site.stop();
  }
}

/**
 * Health answers from one worker per connection: asks over fresh connections until six answers in a row say every
 * model is ready (each may reach any worker of the cluster).
 */
async function everyWorkerReady(baseUrl: string, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let inARow = 0;
  while (inARow < 6) {
    if (Date.now() > deadline) throw new Error('the workers did not all load their models in time');
    const body = await new Promise<string>((resolve) => {
      http
        .get(`${baseUrl}/api/health`, { agent: false, timeout: 10_000 }, (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(text));
        })
        .on('error', () => resolve(''))
        .on('timeout', function (this: http.ClientRequest) {
          this.destroy();
        });
    });
    let ready = false;
    try {
      const health = JSON.parse(body) as { startup?: { status?: string }; model?: { status?: string } };
      ready = health.startup?.status === 'ready' && health.model?.status === 'ready';
    } catch {
      // no answer yet, or not JSON: not ready
    }
    inARow = ready ? inARow + 1 : 0;
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function latestImportRatings(url: string): Promise<number | null> {
  const connection = await connectDatabase({ databaseUrl: url });
  try {
    const row = await connection.db
      .selectFrom('dataset_imports')
      .select('ratings')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.ratings) : null;
  } finally {
    await connection.close();
  }
}

/** `npm run train -- --force` as a child process, its RSS sampled every half second from /proc. */
function trainInChild(
  url: string,
): Promise<{ ms: number; peakRssMb: number; exitCode: number | null; modelLines: string[] }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'train.ts'), '--force'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let peakRssMb = 0;
    const sample = setInterval(() => {
      if (child.pid) peakRssMb = Math.max(peakRssMb, groupRssMb(child.pid));
    }, 500);
    const lines: string[] = [];
    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      pending += text;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line.trim());
        if (/fitted|failed|ready in|similar movies/.test(line)) console.log(`    [train] ${line.trim()}`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sample);
      resolve({
        ms: performance.now() - started,
        peakRssMb,
        exitCode: code,
        modelLines: lines.filter((line) => /^\S+\s+\{.*MB\s+fit/.test(line)),
      });
    });
  });
}

/** The light visitor of the web section, on the 32M data: ten of its most rated movies. */
async function createScaleVisitor(
  url: string,
): Promise<{ cookie: string; ratings: { movieId: number; rating: number }[] }> {
  const connection = await connectDatabase({ databaseUrl: url });
  try {
    const { db } = connection;
    await db.deleteFrom('users').where('kind', '=', 'visitor').execute();
    const popular = await db
      .selectFrom('ratings')
      .select('movie_id')
      .where('movie_id', '<=', 200) // the synthetic data's most rated movies have the lowest ids: no 32M aggregate
      .groupBy('movie_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .orderBy('movie_id')
      .limit(10)
      .execute();
    return await createLightVisitor(
      db,
      popular.map((row) => row.movie_id),
    );
  } finally {
    await connection.close();
  }
}
