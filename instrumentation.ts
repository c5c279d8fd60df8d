/**
 * Next.js calls register() once when the server starts. On the Node.js runtime it starts lib/startup in the
 * background (migrate, first-start import of the bundled MovieLens data, recommendation engine); it is imported
 * dynamically so that the Edge runtime never sees database code.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Refuse to start (one clear message) when production on PostgreSQL has no SESSION_SECRET: see lib/session.ts.
    (await import('./lib/session')).getSessionSecret();
    // SIGTERM/SIGINT: let Next drain the requests in flight, then close the database before exiting.
    (await import('./lib/shutdown')).installGracefulShutdown();
    const { startApp } = await import('./lib/startup');
    void startApp();
  }
}
