/**
 * Import benchmark: wall time of importMovieLens on the bundled ml-latest-small (read + validate every row +
 * COPY in one transaction), into a fresh database each time: PGlite in memory, PGlite on disk, and PostgreSQL
 * (a fresh database on the server of BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL; skipped when none is set).
 * Creating and migrating the database is not timed. Targets: < 1.5 s into PGlite, < 1 s into PostgreSQL.
 * With --scale: also 1M and 5M synthetic ratings (32M with --import-32m) into both, time and peak RSS
 * (./import-scale.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseConnection } from '@/db/client';
import { importMovieLens } from '@/lib/import';
import { readMovieLensDir } from '@/lib/movielens';
import { benchImportScale, type ScaleSize } from './import-scale';

export interface BenchFigure {
  name: string;
  medianMs: number;
  runsMs: number[];
  /** Median CPU time of this process during a run (user + system): steadier than wall time on a busy machine. */
  cpuMedianMs?: number;
  targetMs?: number;
  note?: string;
}

const DATA_DIR = path.join(process.cwd(), 'data/ml-latest-small');

export async function benchImport(
  options: { repetitions?: number; scale?: boolean; import32m?: boolean } = {},
): Promise<BenchFigure[]> {
  const repetitions = options.repetitions ?? 3;
  const figures: BenchFigure[] = [];
  if (options.scale || options.import32m) {
    // Printed as they come (a 32M import takes minutes); the table below is ml-latest-small.
    const sizes: ScaleSize[] = options.import32m ? ['1M', '5M', '32M'] : ['1M', '5M'];
    console.log(
      `  scale: synthetic ml-latest folders of ${sizes.join(', ')} ratings (time and peak RSS of the import process)`,
    );
    await benchImportScale({ sizes, pglite: true });
  }
  figures.push(
    await measure('read + validate only (no database)', repetitions, undefined, async () => {
      const start = performance.now();
      readMovieLensDir(DATA_DIR);
      return performance.now() - start;
    }),
  );
  figures.push(
    await measure('PGlite in memory', repetitions, 1500, () => timeImport(() => connectDatabase({}))),
  );
  figures.push(
    await measure('PGlite on disk', repetitions, 1500, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-bench-'));
      try {
        return await timeImport(() => connectDatabase({ pgliteDataDir: dir }));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (url) {
    figures.push(
      await measure('PostgreSQL (fresh database)', repetitions, 1000, () => timeIntoFreshDatabase(url)),
    );
  } else {
    figures.push({
      name: 'PostgreSQL',
      medianMs: NaN,
      runsMs: [],
      targetMs: 1000,
      note: 'skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL',
    });
  }
  return figures;
}

async function measure(
  name: string,
  repetitions: number,
  targetMs: number | undefined,
  run: () => Promise<number>,
): Promise<BenchFigure> {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const cpu = process.cpuUsage();
    const before = cpuSpent.ms;
    runsMs.push(await run());
    const used = process.cpuUsage(cpu);
    // CPU of the timed part only: timeImport reports what was spent opening the database to subtract it.
    cpuMs.push((used.user + used.system) / 1000 - (cpuSpent.ms - before));
  }
  return { name, medianMs: median(runsMs), runsMs, cpuMedianMs: median(cpuMs), targetMs };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** CPU time spent outside the timed sections (creating and closing databases), to leave out of the CPU figure. */
const cpuSpent = { ms: 0 };

async function untimed<T>(work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    cpuSpent.ms += (used.user + used.system) / 1000;
  }
}

/** Opens (and migrates) a fresh database untimed, then times the import alone. */
async function timeImport(open: () => Promise<DatabaseConnection>): Promise<number> {
  const connection = await untimed(open);
  try {
    const start = performance.now();
    const result = await importMovieLens(connection, { dir: DATA_DIR });
    const ms = performance.now() - start;
    if (result.counts.ratings !== 100836)
      throw new Error(`unexpected import result: ${JSON.stringify(result.counts)}`);
    return ms;
  } finally {
    await untimed(() => connection.close());
  }
}

/** A fresh database per run, created and dropped on the server of `url`: what a first install sees. */
async function timeIntoFreshDatabase(url: string): Promise<number> {
  const name = `bench_import_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    return await timeImport(() =>
      connectDatabase({ databaseUrl: target.toString(), poolConfig: { max: 2 } }),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

export function formatFigures(figures: readonly BenchFigure[]): string {
  return figures
    .map((figure) => {
      if (figure.note) return `  ${figure.name.padEnd(38)} ${figure.note}`;
      const median = `${(figure.medianMs / 1000).toFixed(2)} s`;
      const runs = figure.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ');
      const target =
        figure.targetMs === undefined
          ? ''
          : figure.medianMs <= figure.targetMs
            ? `  (target < ${figure.targetMs / 1000} s: met)`
            : `  (target < ${figure.targetMs / 1000} s: MISSED)`;
      const cpu = figure.cpuMedianMs === undefined ? '' : `, cpu ${(figure.cpuMedianMs / 1000).toFixed(2)} s`;
      return `  ${figure.name.padEnd(38)} median ${median.padStart(7)}  [runs ${runs}${cpu}]${target}`;
    })
    .join('\n');
}
