/**
 * npm run bench [-- --only import|recsys|web|search|site] [--scale] [--import-32m] [--repetitions <n>]
 * Runs the benchmark sections and prints their figures. A section runs only if its file exists
 * (scripts/bench/<section>.ts), so owners add theirs independently:
 *   import  benchImport()          importing the bundled data into PGlite and PostgreSQL (--scale: 1M and 5M
 *                                  synthetic ratings, time and peak RSS; --import-32m: 32M too)
 *   recsys  benchRecsys({ scale }) training and recommending (--scale: also on larger synthetic data)
 *   web     benchWeb()             pages and API under load
 *   search  benchSearch()          the forgiving title search: in process (9,742 and ~87k titles) and
 *                                  GET /api/movies per keystroke at one client (target p99 < 30 ms)
 *   site    benchSiteScale()       --scale only: the product at 32M ratings on PostgreSQL (import, npm run train,
 *                                  site start, pages and API at one client), scripts/bench/site-scale.ts
 * No pass/fail: figures and targets are printed for people to read (tests never assert timings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatFigures, type BenchFigure } from './bench/import';
import { runScript } from './lib/run-script';

const SECTIONS = ['import', 'recsys', 'web', 'search', 'site'] as const;
type Section = (typeof SECTIONS)[number];

async function runSection(
  section: Section,
  options: { scale: boolean; import32m: boolean; repetitions?: number },
): Promise<void> {
  const file = path.join(
    process.cwd(),
    'scripts',
    'bench',
    `${section === 'site' ? 'site-scale' : section}.ts`,
  );
  console.log(`\n== ${section} ==`);
  if (section === 'site' && !options.scale) {
    console.log('  skipped: the product at 32M ratings runs with --scale');
    return;
  }
  if (!fs.existsSync(file)) {
    console.log(`  skipped: ${path.relative(process.cwd(), file)} does not exist yet`);
    return;
  }
  const started = performance.now();
  const mod = (await import(pathToFileURL(file).href)) as Record<
    string,
    (options?: object) => Promise<unknown>
  >;
  const entry = {
    import: 'benchImport',
    recsys: 'benchRecsys',
    web: 'benchWeb',
    search: 'benchSearch',
    site: 'benchSiteScale',
  }[section];
  const run = mod[entry] ?? (mod.default as Record<string, (typeof mod)[string]> | undefined)?.[entry];
  if (typeof run !== 'function') {
    console.log(`  skipped: ${path.relative(process.cwd(), file)} does not export ${entry}()`);
    return;
  }
  const result = await run(
    section === 'recsys'
      ? { scale: options.scale }
      : section === 'import'
        ? { repetitions: options.repetitions, scale: options.scale, import32m: options.import32m }
        : { repetitions: options.repetitions },
  );
  // Sections print their own figures; the import section returns them for this table.
  if (section === 'import') console.log(formatFigures(result as BenchFigure[]));
  console.log(`  (${section} section took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

async function main(): Promise<number> {
  let values;
  try {
    values = parseArgs({
      options: {
        only: { type: 'string' },
        scale: { type: 'boolean' },
        'import-32m': { type: 'boolean' },
        repetitions: { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (values.only && !SECTIONS.includes(values.only as Section)) {
    console.error(`--only must be one of ${SECTIONS.join(', ')} (got ${JSON.stringify(values.only)})`);
    return 2;
  }
  const scale = values.scale ?? false;
  const repetitions = values.repetitions === undefined ? undefined : Number(values.repetitions);
  if (repetitions !== undefined && !(Number.isInteger(repetitions) && repetitions > 0)) {
    console.error('--repetitions must be a positive whole number');
    return 2;
  }
  const sections = values.only ? [values.only as Section] : [...SECTIONS];
  console.log(`Benchmarks on Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  const import32m = values['import-32m'] ?? false;
  for (const section of sections) await runSection(section, { scale, import32m, repetitions });
  return 0;
}

runScript(main);
