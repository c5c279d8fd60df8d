/**
 * Import at scale (issue 11): `npm run db:import`'s own code path (importMovieLens) on synthetic MovieLens folders
 * in the ml-latest layout of 1M and 5M ratings (32M with --import-32m), into a fresh PostgreSQL database and a
 * fresh PGlite data folder. Each import runs in a child process of its own, which reports its wall time and peak
 * RSS (process.resourceUsage().maxRSS), so the figure is the import's alone. Targets (issue 11): 32M ratings into
 * PostgreSQL in under 4 minutes with a peak RSS under 1.5 GB; peak RSS must not grow with the file.
 * The folders are generated once into .tmp/ (git-ignored) by scripts/lib/synthetic-movielens.ts.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateSynthetic } from '../gen-synthetic';
import { writeMovieLensFolder } from '../lib/synthetic-movielens';

/** Shapes scaled down from ml-32m (200,948 users, 87,585 movies, 32M ratings). */
export const SCALE_SHAPES = {
  '1M': { ratings: 1_000_000, users: 6_000, movies: 20_000 },
  '5M': { ratings: 5_000_000, users: 30_000, movies: 40_000 },
  '32M': { ratings: 32_000_000, users: 200_000, movies: 87_000 },
} as const;
export type ScaleSize = keyof typeof SCALE_SHAPES;

export interface ScaleFigure {
  size: ScaleSize;
  target: 'PostgreSQL' | 'PGlite on disk';
  ms: number;
  maxRssMb: number;
  ratings: number;
}

/** The synthetic folder of a size, generated on first use. */
export function syntheticFolder(size: ScaleSize): string {
  const dir = path.join(process.cwd(), '.tmp', `movielens-synthetic-${size.toLowerCase()}`);
  if (!fs.existsSync(path.join(dir, 'tags.csv'))) {
    const shape = SCALE_SHAPES[size];
    console.log(`  generating ${dir} (${shape.ratings.toLocaleString('en-US')} ratings)...`);
    writeMovieLensFolder(dir, generateSynthetic({ ...shape, seed: 1 }), { movies: shape.movies, seed: 1 });
  }
  return dir;
}

/** Runs one import in a child process (scripts/bench/import-child.ts) and returns its report. */
export function importInChild(
  dir: string,
  env: Record<string, string>,
): { ms: number; maxRssMb: number; ratings: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join('scripts', 'bench', 'import-child.ts'), dir],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; maxRssMb: number; ratings: number };
}

export async function benchImportScale(options: {
  sizes: ScaleSize[];
  pglite: boolean;
}): Promise<ScaleFigure[]> {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const figures: ScaleFigure[] = [];
  for (const size of options.sizes) {
    const dir = syntheticFolder(size);
    if (url) {
      const name = `bench_scale_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
        const target = new URL(url);
        target.pathname = `/${name}`;
        figures.push({
          size,
          target: 'PostgreSQL',
          ...importInChild(dir, { DATABASE_URL: target.toString() }),
        });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.end();
      }
      console.log(formatScaleFigure(figures.at(-1)!));
    }
    if (options.pglite) {
      const data = fs.mkdtempSync(path.join(os.tmpdir(), 'movielens-bench-pglite-'));
      try {
        figures.push({
          size,
          target: 'PGlite on disk',
          ...importInChild(dir, { DATABASE_URL: '', PGLITE_DATA_DIR: data }),
        });
      } finally {
        fs.rmSync(data, { recursive: true, force: true });
      }
      console.log(formatScaleFigure(figures.at(-1)!));
    }
  }
  return figures;
}

export function formatScaleFigure(figure: ScaleFigure): string {
  const perMillion = figure.ms / (figure.ratings / 1e6);
  const target =
    figure.target === 'PostgreSQL'
      ? `  (targets at 32M: < 240 s, < 1536 MB; at this rate 32M takes ~${Math.round((perMillion * 32) / 1000)} s)`
      : '';
  return `  import ${figure.size.padEnd(3)} into ${figure.target.padEnd(15)} ${(figure.ms / 1000).toFixed(1).padStart(6)} s, peak RSS ${String(figure.maxRssMb).padStart(5)} MB${target}`;
}
