/**
 * Web section of `npm run bench`: server render time of /recommendations for a visitor with 10 ratings (200
 * requests, 20 concurrent clients; target p50 < 50 ms) and the title autocomplete GET /api/movies?search=
 * (target p99 < 30 ms), against the built site (`npm run build`; NEXT_DIST_DIR picks the folder) started on its
 * own port. The database is a PGlite folder kept in .tmp/bench-web-pglite: the first run imports the bundled data
 * and trains (minutes); later runs load the stored models (seconds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectDatabase } from '@/db/client';
import { createVisitor } from '@/lib/data/visitors';

const ROOT = process.cwd();
const DATA_DIR = path.join(ROOT, '.tmp', 'bench-web-pglite');
const SECRET = crypto.randomBytes(32).toString('hex');
const SEARCHES = ['toy', 'matrix', 'star w', 'the godf', 'pulp', 'alien', 'batman', 'lord of', 'termin', 'forrest'];

export interface WebFigure {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  target: string;
}

export async function benchWeb(): Promise<WebFigure[]> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    console.log(`  skipped: no built site in ${distDir}/ (run \`npm run build\` first)`);
    return [];
  }
  // 1. Data and models in place (first run: import + training by the site itself).
  await withSite(distDir, async () => undefined);
  // 2. A visitor with 10 ratings, written while no server holds the PGlite folder.
  const cookie = await createBenchVisitor();
  // 3. Measure.
  return withSite(distDir, async (base) => {
    await run(`${base}/recommendations`, { cookie, amount: 20, connections: 4 }); // warm-up: compile caches, JIT
    await run(`${base}/api/movies?search=toy`, { amount: 20, connections: 4 });
    const searchPaths = SEARCHES.map((text) => `/api/movies?search=${encodeURIComponent(text)}`);
    // One client: the server's own time per request. Twenty: what a visitor waits when 20 arrive at once (Node
    // renders one page at a time per process, and PGlite answers one query at a time, so requests queue).
    const figures: WebFigure[] = [
      { name: 'GET /recommendations, 1 client', ...(await run(`${base}/recommendations`, { cookie, amount: 100, connections: 1 })), target: 'p50 < 50 ms' },
      { name: 'GET /recommendations, 20 clients', ...(await run(`${base}/recommendations`, { cookie, amount: 200, connections: 20 })), target: 'p50 < 50 ms' },
      { name: 'GET /api/movies?search=, 1 client', ...(await run(`${base}/api/movies`, { amount: 100, connections: 1, paths: searchPaths })), target: 'p99 < 30 ms' },
      { name: 'GET /api/movies?search=, 20 clients', ...(await run(`${base}/api/movies`, { amount: 200, connections: 20, paths: searchPaths })), target: 'p99 < 30 ms' },
    ];
    for (const figure of figures) {
      console.log(`  ${figure.name.padEnd(38)} ${String(figure.requests).padStart(4)} req  p50 ${figure.p50.toFixed(1).padStart(6)} ms  p99 ${figure.p99.toFixed(1).padStart(6)} ms   target ${figure.target}`);
    }
    return figures;
  });
}

async function run(
  target: string, { cookie, amount, connections, paths }: { cookie?: string; amount: number; connections: number; paths?: string[] },
): Promise<{ requests: number; p50: number; p99: number }> {
  const origin = new URL(target).origin;
  const result = await autocannon({
    url: paths ? origin : target,
    amount, connections,
    headers: cookie ? { cookie } : {},
    requests: paths?.map((p) => ({ path: p, method: 'GET' as const })),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return { requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99 };
}

/** The session cookie the site would set: `v1.<id>.<created ms>.<HMAC-SHA256>` (lib/session.ts). */
function visitorCookie(id: number, createdAt: Date): string {
  const payload = `v1.${id}.${createdAt.getTime()}`;
  return `visitor=${payload}.${crypto.createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
}

async function createBenchVisitor(): Promise<string> {
  const connection = await connectDatabase({ pgliteDataDir: DATA_DIR });
  try {
    const { db } = connection;
    const visitor = await createVisitor(db);
    const popular = await db
      .selectFrom('ratings').select('movie_id').groupBy('movie_id').orderBy((eb) => eb.fn.countAll(), 'desc').orderBy('movie_id').limit(10)
      .execute();
    await db.insertInto('ratings')
      .values(popular.map((row, i) => ({ user_id: visitor.id, movie_id: row.movie_id, rating: [5, 4.5, 4, 3, 5, 2, 4, 3.5, 1, 4.5][i] as number })))
      .execute();
    return visitorCookie(visitor.id, visitor.createdAt);
  } finally {
    await connection.close();
  }
}

async function withSite<T>(distDir: string, body: (base: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const log = fs.openSync(path.join(ROOT, 'test-results', 'bench-web-server.log'), 'a');
  const child = spawn('setsid', ['node', 'node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: distDir, PGLITE_DATA_DIR: DATA_DIR, DATABASE_URL: '', SESSION_SECRET: SECRET, AUTO_IMPORT: '1', NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForModels(base, child);
    return await body(base);
  } finally {
    await stop(child);
  }
}

async function waitForModels(base: string, child: ChildProcess): Promise<void> {
  const started = Date.now();
  let last = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the site exited (${child.exitCode}); see test-results/bench-web-server.log`);
    const health = await fetch(`${base}/api/health`).then((r) => r.json() as Promise<{ startup?: { status: string }; model?: { status: string; progress?: { done: number; total: number } } }>).catch(() => null);
    if (health?.startup?.status === 'failed') throw new Error('the site failed to start; see test-results/bench-web-server.log');
    if (health?.model?.status === 'ready') return;
    if (health?.model?.status === 'failed') throw new Error('model training failed; see test-results/bench-web-server.log');
    if (Date.now() - last > 15_000) {
      last = Date.now();
      console.log(`  waiting for the site: ${Math.round((Date.now() - started) / 1000)} s, startup ${health?.startup?.status ?? '—'}, models ${health?.model?.progress ? `${health.model.progress.done}/${health.model.progress.total}` : '—'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM'); // setsid: the pid is the process group
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
