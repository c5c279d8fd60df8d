import { closeDatabase } from '@/db/client';

/**
 * Runs a database script's main: its return value is the exit code, the app's database is closed afterwards
 * whatever happened, and an unexpected error (a bug, not a user mistake) prints its stack and exits 1.
 */
export function runDbScript(main: () => Promise<number>): void {
  main()
    .finally(() => closeDatabase().catch(() => undefined))
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
}
