import type http from 'node:http';
import { VISITOR_COOKIE } from './visitor-claim';

/**
 * One request at a time per visitor (issue 12): a visitor's page, action or API request waits until that visitor's
 * previous one has finished, on the Node HTTP server itself, before Next.js starts on it. The site is one thread per
 * process, so a visitor with an expensive profile who reloads it from three tabs (or a script) would otherwise hold
 * three renders on it at once and every other visitor would wait behind all of them; in a lane they hold one, and
 * the others share the thread with that one only. Nothing is refused in normal use: a browser's page load is one
 * document request (static files are not in lanes) plus the prefetches of its links, which wait behind any
 * navigation or action of the same visitor (a click is not queued behind a dozen prefetches). A lane holds at most
 * `maxWaiting` requests (more are answered 429) for at most `maxWaitMs` (then 503): bounds for a script, far above
 * what a browser sends.
 *
 * The lane's key is the visitor cookie exactly as sent (signed, lib/session.ts): a visitor cannot be queued behind
 * requests that someone else sends with their id, since nobody else has their token. Requests with no visitor
 * cookie (anonymous pages, the JSON API called by scripts) have no lane; they are bounded by what an anonymous page
 * costs and by the rate limits (lib/http/rate-limit.ts). Each process has its own lanes.
 */

export interface LaneOptions {
  /** Requests of one visitor waiting behind the one in flight; one more is answered 429. */
  maxWaiting?: number;
  /** A request that waited this long is answered 503 instead of being started. */
  maxWaitMs?: number;
}

const DEFAULTS: Required<LaneOptions> = { maxWaiting: 64, maxWaitMs: 20_000 };

/** Paths served from the build's files: cheap, and a page load fetches many of them at once. */
const STATIC_PREFIXES = ['/_next/static/', '/_next/image', '/favicon.ico'];

interface Waiting {
  start: () => void;
  cancel: () => void;
}

interface Lane {
  busy: boolean;
  /** Navigations, actions and API calls: started first. */
  urgent: Waiting[];
  /** Link prefetches (Next's router marks them with a header): started when nothing urgent waits. */
  prefetch: Waiting[];
}

/** The lane of a request: its raw visitor cookie, or null (no visitor, or a static file). */
export function laneKey(url: string | undefined, cookieHeader: string | undefined): string | null {
  if (!cookieHeader || STATIC_PREFIXES.some((prefix) => (url ?? '').startsWith(prefix))) return null;
  for (const part of cookieHeader.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === VISITOR_COOKIE) return part.slice(at + 1).trim() || null;
  }
  return null;
}

function isPrefetch(headers: http.IncomingHttpHeaders): boolean {
  return (
    headers['next-router-prefetch'] !== undefined || headers['next-router-segment-prefetch'] !== undefined
  );
}

function refuse(response: http.ServerResponse, status: 429 | 503, message: string): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Retry-After': '2',
    'Cache-Control': 'no-store',
  });
  response.end(`${message}\n`);
}

/**
 * Puts every request of a `server` class (http.Server in instrumentation.ts) through the visitor's lane. Patched on
 * the prototype because `next start` creates its server before our code runs. Returns the undo.
 */
export function serveVisitorsInLanes(
  server: { prototype: http.Server },
  options: LaneOptions = {},
): () => void {
  const { maxWaiting, maxWaitMs } = { ...DEFAULTS, ...options };
  const lanes = new Map<string, Lane>();
  const original = server.prototype.emit;

  const next = (key: string, lane: Lane): void => {
    const waiting = lane.urgent.shift() ?? lane.prefetch.shift();
    if (waiting) waiting.start();
    else {
      lane.busy = false;
      lanes.delete(key);
    }
  };

  server.prototype.emit = function emit(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    const pass = (): boolean =>
      original.apply(this, [event, ...args] as unknown as Parameters<typeof original>);
    if (event !== 'request') return pass();
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    const key = laneKey(request.url, request.headers.cookie);
    if (key === null) return pass();

    let lane = lanes.get(key);
    if (!lane) {
      lane = { busy: false, urgent: [], prefetch: [] };
      lanes.set(key, lane);
    }
    const own = lane;
    // 'close' comes once the response is sent or its connection is gone, whichever is first.
    const run = (): void => {
      own.busy = true;
      response.once('close', () => next(key, own));
      pass();
    };
    if (!own.busy) {
      run();
      return true;
    }
    const queue = isPrefetch(request.headers) ? own.prefetch : own.urgent;
    if (own.urgent.length + own.prefetch.length >= maxWaiting) {
      refuse(
        response,
        429,
        'Too many requests at once from this browser: wait for the page to finish loading.',
      );
      return true;
    }
    const leave = (): void => {
      clearTimeout(timer);
      response.off('close', onGone);
      const at = queue.indexOf(waiting);
      if (at >= 0) queue.splice(at, 1);
    };
    const waiting: Waiting = {
      start: () => {
        leave();
        run();
      },
      cancel: leave,
    };
    // A request given up while waiting (tab closed, reload) leaves the lane without being rendered.
    const onGone = (): void => waiting.cancel();
    response.once('close', onGone);
    const timer = setTimeout(() => {
      leave();
      refuse(response, 503, 'This browser has a slow request in progress: try again in a moment.');
    }, maxWaitMs);
    timer.unref();
    queue.push(waiting);
    return true;
  } as typeof original;

  return () => {
    server.prototype.emit = original;
  };
}
