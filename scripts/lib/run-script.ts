import { ExpectedError, errorMessage } from '../../lib/errors';

/** A wrong flag or argument: one line, exit code 2. */
export class UsageError extends ExpectedError {}

/**
 * The one entry point of every script: `runScript(main)`. main's return value is the exit code (default 0). A
 * usage mistake (UsageError, a bad flag from parseArgs) prints one line and exits 2; any other ExpectedError (a
 * bad data file, a folder in use) prints one line and exits 1; anything else is a bug: its stack, exit 1. With
 * `{ database: true }` the app's database is closed afterwards, whatever happened.
 */
export function runScript(
  main: () => Promise<number | void> | number | void,
  { database = false } = {},
): void {
  const close = async () => {
    if (database) await (await import('../../db/client')).closeDatabase().catch(() => undefined);
  };
  Promise.resolve()
    .then(main)
    .then(
      async (code) => {
        await close();
        process.exit(code ?? 0);
      },
      async (error: unknown) => {
        await close();
        const usage =
          error instanceof UsageError ||
          (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS');
        if (usage || error instanceof ExpectedError) {
          console.error(`error: ${errorMessage(error)}`);
          process.exit(usage ? 2 : 1);
        }
        console.error(error);
        process.exit(1);
      },
    );
}
