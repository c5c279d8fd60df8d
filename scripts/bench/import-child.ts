/**
 * One import for scripts/bench/import-scale.ts, in a process of its own: imports the folder given as argument into
 * DATABASE_URL (or a PGlite data folder in PGLITE_DATA_DIR) with importMovieLens, the code of `npm run db:import`,
 * and prints {"ms", "maxRssMb", "ratings"} as its last line.
 */
import { connectDatabase } from '@/db/client';
import { importMovieLens } from '@/lib/import';

async function main(): Promise<void> {
  const dir = process.argv[2]!;
  const url = process.env.DATABASE_URL;
  const connection = await connectDatabase(
    url ? { databaseUrl: url, poolConfig: { max: 2 } } : { pgliteDataDir: process.env.PGLITE_DATA_DIR },
  );
  const start = performance.now();
  const result = await importMovieLens(connection, { dir });
  const ms = performance.now() - start;
  await connection.close();
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ms: Math.round(ms), maxRssMb, ratings: result.counts.ratings }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
