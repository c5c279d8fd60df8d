/**
 * Web section of `npm run bench`: server render time of /recommendations for a visitor with 10 ratings (200
 * requests, 20 concurrent clients; target p50 < 50 ms) and the title autocomplete GET /api/movies?search=
 * (target p99 < 30 ms), against the built site (`npm run build`; NEXT_DIST_DIR picks the folder) started on its
 * own port. The database is a PGlite folder kept in .tmp/bench-web-pglite: the first run imports the bundled data
 * and trains (minutes); later runs load the stored models (seconds).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectDatabase } from '@/db/client';
import { createVisitor } from '@/lib/data/visitors';
import { modelsReady, startSite } from '../../e2e/support/site-harness';

const ROOT = process.cwd();
const DATA_DIR = path.join(ROOT, '.tmp', 'bench-web-pglite');
const SECRET = crypto.randomBytes(32).toString('hex');
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
  await withSite(async () => undefined);
  // 2. A visitor with 10 ratings, written while no server holds the PGlite folder.
  const cookie = await createBenchVisitor();
  // 3. Measure.
  return withSite(async (base) => {
    await run(`${base}/recommendations`, { cookie, amount: 20, connections: 4 }); // warm-up: compile caches, JIT
    await run(`${base}/api/movies?search=toy`, { amount: 20, connections: 4 });
    const searchPaths = SEARCHES.map((text) => `/api/movies?search=${encodeURIComponent(text)}`);
    // One client: the server's own time per request. Twenty: what a visitor waits when 20 arrive at once (Node
    // renders one page at a time per process, and PGlite answers one query at a time, so requests queue).
    const figures: WebFigure[] = [
      {
        name: 'GET /recommendations, 1 client',
        ...(await run(`${base}/recommendations`, { cookie, amount: 100, connections: 1 })),
        target: 'p50 < 50 ms',
      },
      {
        name: 'GET /recommendations, 20 clients',
        ...(await run(`${base}/recommendations`, { cookie, amount: 200, connections: 20 })),
        target: 'p50 < 50 ms',
      },
      {
        name: 'GET /api/movies?search=, 1 client',
        ...(await run(`${base}/api/movies`, { amount: 100, connections: 1, paths: searchPaths })),
        target: 'p99 < 30 ms',
      },
      {
        name: 'GET /api/movies?search=, 20 clients',
        ...(await run(`${base}/api/movies`, { amount: 200, connections: 20, paths: searchPaths })),
        target: 'p99 < 30 ms',
      },
    ];
    for (const figure of figures) {
      console.log(
        `  ${figure.name.padEnd(38)} ${String(figure.requests).padStart(4)} req  p50 ${figure.p50.toFixed(1).padStart(6)} ms  p99 ${figure.p99.toFixed(1).padStart(6)} ms   target ${figure.target}`,
      );
    }
    return figures;
  });
}

async function run(
  target: string,
  {
    cookie,
    amount,
    connections,
    paths,
  }: { cookie?: string; amount: number; connections: number; paths?: string[] },
): Promise<{ requests: number; p50: number; p99: number }> {
  const origin = new URL(target).origin;
  const result = await autocannon({
    url: paths ? origin : target,
    amount,
    connections,
    headers: cookie ? { cookie } : {},
    requests: paths?.map((p) => ({ path: p, method: 'GET' as const })),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${target}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
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
      .selectFrom('ratings')
      .select('movie_id')
      .groupBy('movie_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .orderBy('movie_id')
      .limit(10)
      .execute();
    await db
      .insertInto('ratings')
      .values(
        popular.map((row, i) => ({
          user_id: visitor.id,
          movie_id: row.movie_id,
          rating: [5, 4.5, 4, 3, 5, 2, 4, 3.5, 1, 4.5][i] as number,
        })),
      )
      .execute();
    return visitorCookie(visitor.id, visitor.createdAt);
  } finally {
    await connection.close();
  }
}

async function withSite<T>(body: (base: string) => Promise<T>): Promise<T> {
  const site = await startSite({
    name: 'bench-web',
    dataDir: DATA_DIR,
    env: { SESSION_SECRET: SECRET },
    verbose: true,
  });
  try {
    await site.waitForHealth(modelsReady, 900_000, { failFast: true });
    return await body(site.baseUrl);
  } finally {
    await site.stop();
  }
}
