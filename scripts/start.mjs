#!/usr/bin/env node
// npm start: the built site in WEB_CONCURRENCY worker processes that share one port (Node's cluster module: the
// primary accepts connections and hands them to the workers). Each worker is a plain `next start` with its own
// engine; on PostgreSQL they fit the models once between them (the training lease) and load each other's models.
// The embedded PGlite database is one process's folder, so it runs one worker. Arguments go to `next start`
// (e.g. `npm start -- -p 8080`).
import cluster from 'node:cluster';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
const MAX_WORKERS = 64;
/** A worker that dies this soon after it started is failing to start, not crashing: stop instead of looping. */
const EARLY_EXIT_MS = 15_000;

/** How many workers: WEB_CONCURRENCY, else one per core on PostgreSQL and one on PGlite. Throws a one-line reason. */
export function workerCount(env = process.env, cores = os.availableParallelism()) {
  const usesPostgres = Boolean(env.DATABASE_URL);
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return usesPostgres ? cores : 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS} (got "${raw}")`);
  }
  if (count > 1 && !usesPostgres) {
    throw new Error(
      `WEB_CONCURRENCY=${count} needs PostgreSQL (set DATABASE_URL): the embedded PGlite database can be opened by one process only`,
    );
  }
  return count;
}

/** Runs `next start` in this process, with the arguments given to this script. */
async function runNextStart() {
  process.argv = [process.argv[0], nextBin, 'start', ...process.argv.slice(2)];
  await import(nextBin);
}

function runPrimary(count) {
  console.log(`[start] ${count} worker processes (WEB_CONCURRENCY), primary pid ${process.pid}`);
  let stopping = false;
  const startedAt = new Map();
  const firstGeneration = new Set();
  let quickDeaths = 0;
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };
  for (let i = 0; i < count; i++) firstGeneration.add(fork().id);

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    const first = firstGeneration.delete(worker.id);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (first && lived < EARLY_EXIT_MS) {
      // Every worker runs the same startup: one of the first that cannot start (a missing secret, a bad setting)
      // means none can. A replacement that dies early is a crash, not a setting: it is forked again, later.
      console.error(
        `[start] worker ${worker.process.pid} stopped during startup (${how}): stopping the site`,
      );
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = code || 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode);
      return;
    }
    // Back off while workers keep dying young (1 s, 2 s, … 30 s), so a crash loop does not spin the CPU.
    quickDeaths = lived < EARLY_EXIT_MS ? quickDeaths + 1 : 0;
    const delay = quickDeaths === 0 ? 0 : Math.min(30_000, 1000 * 2 ** (quickDeaths - 1));
    console.error(
      `[start] worker ${worker.process.pid} died (${how}): starting another in ${delay / 1000} s`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    // Each worker drains its requests and closes its database (lib/shutdown.ts), then exits.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main() {
  if (cluster.isWorker) return runNextStart();
  let count;
  try {
    count = workerCount();
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (count === 1) return runNextStart();
  runPrimary(count);
}

// Run when started (workers run this same file); imported by its test, it only exports workerCount.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
