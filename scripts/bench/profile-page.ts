/**
 * npx tsx scripts/bench/profile-page.ts <path> [--requests 200] [--visitor light|heavy|none]
 * Where a page's server time goes: starts the built site with `--cpu-prof` on a copy of the web benchmark's PGlite
 * folder (run `npm run bench -- --only web` once first), requests `path` sequentially, stops the site and prints
 * the profile's self time by origin (React rendering, Next.js, PGlite, the app's code, GC…) and the top functions.
 * The raw .cpuprofile stays in .tmp/cpu-prof/ for Chrome DevTools.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { connectDatabase } from '@/db/client';
import { modelsReady, startSite } from '../../e2e/support/site-harness';
import { runScript } from '../lib/run-script';

const ROOT = process.cwd();
const SOURCE = path.join(ROOT, '.tmp', 'bench-web-pglite');
const COPY = path.join(ROOT, '.tmp', 'profile-pglite');
const OUT = path.join(ROOT, '.tmp', 'cpu-prof');
const SECRET = crypto.randomBytes(32).toString('hex');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function origin(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)' || name === '(program)') return name;
  if (/pglite/.test(url)) return 'PGlite';
  if (/react-dom|react-server-dom|compiled\/react/.test(url)) return 'React';
  if (/node_modules\/next\//.test(url)) return 'Next.js';
  if (/node_modules\/kysely/.test(url)) return 'Kysely';
  if (/\.next\/server\/chunks|\.next\/server\/app/.test(url)) return 'app bundle';
  if (url.startsWith('node:') || url === '') return 'Node/native';
  return 'other';
}

/** Self time by origin and by function over the profile's last `windowMs` (the measured batch, not the startup). */
function summarise(file: string, requests: number, windowMs: number): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const from = profile.endTime - windowMs * 1000;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    const where = origin(url, functionName);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const busy = [...byOrigin].filter(([name]) => name !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
  console.log(`\n${path.basename(file)}: ${(busy / 1000 / requests).toFixed(2)} ms busy per request`);
  for (const [name, us] of [...byOrigin].sort((a, b) => b[1] - a[1]))
    if (name !== '(idle)')
      console.log(
        `  ${name.padEnd(14)} ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1000 / requests).toFixed(2)} ms/request`,
      );
  console.log('  top functions (self):');
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`    ${(us / 1000 / requests).toFixed(3).padStart(7)} ms  ${name}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { requests: { type: 'string', default: '200' }, visitor: { type: 'string', default: 'light' } },
  });
  const target = positionals[0] ?? '/recommendations';
  const requests = Number(values.requests);
  fs.rmSync(COPY, { recursive: true, force: true });
  fs.cpSync(SOURCE, COPY, { recursive: true });
  const cookie = values.visitor === 'none' ? undefined : await visitorCookie(values.visitor === 'heavy');
  fs.mkdirSync(OUT, { recursive: true });
  const before = new Set(fs.readdirSync(OUT));
  let windowMs = 0;
  const site = await startSite({
    name: 'profile-page',
    dataDir: COPY,
    env: { SESSION_SECRET: SECRET },
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${OUT}`, '--cpu-prof-interval=200'],
  });
  try {
    await site.waitForHealth(modelsReady, 300_000, { failFast: true });
    const run = (amount: number) =>
      autocannon({
        url: `${site.baseUrl}${target}`,
        amount,
        connections: 1,
        headers: cookie ? { cookie } : {},
      });
    await run(30); // warm-up, outside the window summarised
    const started = performance.now();
    const result = await run(requests);
    console.log(
      `${target}: ${result.requests.total} requests, p50 ${result.latency.p50} ms, ${result.non2xx} non-2xx`,
    );
    await site.stop();
    // The window: the batch and the shutdown right after it (small next to the batch).
    windowMs = performance.now() - started;
  } finally {
    await site.stop();
  }
  const files = fs.readdirSync(OUT).filter((name) => !before.has(name) && name.endsWith('.cpuprofile'));
  for (const name of files) summarise(path.join(OUT, name), requests, windowMs);
}

/** A visitor of the benchmark's folder: the lightest (10 ratings) or the heaviest; signed with our own secret. */
async function visitorCookie(heavy: boolean): Promise<string> {
  const connection = await connectDatabase({ pgliteDataDir: COPY });
  try {
    const row = await connection.db
      .selectFrom('users')
      .innerJoin('ratings', 'ratings.user_id', 'users.id')
      .select(['users.id', 'users.created_at'])
      .select((eb) => eb.fn.countAll().as('n'))
      .where('users.kind', '=', 'visitor')
      .groupBy(['users.id', 'users.created_at'])
      .orderBy('n', heavy ? 'desc' : 'asc')
      .executeTakeFirstOrThrow();
    const payload = `v1.${row.id}.${new Date(row.created_at).getTime()}`;
    return `visitor=${payload}.${crypto.createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
  } finally {
    await connection.close();
  }
}

runScript(main);
