import { closeDatabase } from '@/db/client';
import { errorMessage } from '@/lib/errors';

/**
 * Graceful shutdown (SIGTERM from Docker/systemd, Ctrl-C). `next start` already does the first half on these
 * signals: it stops accepting connections, lets the requests in flight finish, then calls process.exit(). It has
 * no hook for the app in production, so the exit is where we step in: it first closes the database (the pg pool,
 * or PGlite with a clean shutdown of its folder and its lock file released), then exits with Next's code.
 * If requests are still open after `timeoutMs`, the database is closed and the process exits anyway.
 */

export interface ShutdownOptions {
  timeoutMs?: number;
  signals?: NodeJS.Signals[];
}

type GlobalWithShutdown = typeof globalThis & { __movielensShutdown?: { signal: NodeJS.Signals | null } };
const holder = globalThis as GlobalWithShutdown;

/** Installs the signal handlers once per process (idempotent). */
export function installGracefulShutdown(options: ShutdownOptions = {}): void {
  const { timeoutMs = 25_000, signals = ['SIGTERM', 'SIGINT'] } = options;
  if (holder.__movielensShutdown) return;
  const state: { signal: NodeJS.Signals | null } = { signal: null };
  holder.__movielensShutdown = state;
  const exit = process.exit.bind(process);
  let closing: Promise<void> | null = null;

  const closeThenExit = (code?: number | string | null): void => {
    closing ??= closeDatabase().then(
      () => console.log('[shutdown] database closed'),
      (error: unknown) => console.error(`[shutdown] closing the database failed: ${errorMessage(error)}`),
    );
    void closing.finally(() => exit(code ?? undefined));
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (state.signal) return;
    state.signal = signal;
    console.log(`[shutdown] ${signal}: finishing the requests in flight, then closing the database`);
    // Next's handler calls process.exit once its server has drained: close the database first.
    process.exit = closeThenExit as typeof process.exit;
    // With NEXT_MANUAL_SIG_HANDLE Next leaves signals to the app: nobody else will exit.
    if (process.env.NEXT_MANUAL_SIG_HANDLE) closeThenExit(0);
    setTimeout(() => {
      console.error(
        `[shutdown] requests still open after ${timeoutMs / 1000} s: closing the database anyway`,
      );
      closeThenExit(1);
    }, timeoutMs).unref();
  };
  for (const signal of signals) process.on(signal, onSignal);
}
