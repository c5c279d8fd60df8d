/**
 * Next.js calls register() once when the server starts. On the Node.js runtime it starts lib/startup in the
 * background (migrate, first-start import of the bundled MovieLens data, recommendation engine); it is imported
 * dynamically so that the Edge runtime never sees database code.
 */
import { errorMessage } from './lib/errors';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Refuse to start (one clear message, exit code 1) when production on PostgreSQL has no SESSION_SECRET: a server
    // that cannot sign cookies the same way as its siblings must not serve (lib/session.ts).
    try {
      (await import('./lib/session')).getSessionSecret();
    } catch (error) {
      console.error(`[startup] ${errorMessage(error)}`);
      process.exit(1);
    }
    // TRACE/TRACK would be a 500 inside Next.js: answer 405 on the HTTP server itself (lib/http/refuse-methods.ts).
    const { Server } = await import('node:http');
    (await import('./lib/http/refuse-methods')).refuseUnsupportedMethods(Server);
    // One request at a time per visitor, so that one visitor's expensive pages cannot starve the others
    // (lib/http/visitor-lanes.ts).
    (await import('./lib/http/visitor-lanes')).serveVisitorsInLanes(Server);
    // SIGTERM/SIGINT: let Next drain the requests in flight, then close the database before exiting.
    (await import('./lib/shutdown')).installGracefulShutdown();
    const { startApp } = await import('./lib/startup');
    void startApp();
  }
}
