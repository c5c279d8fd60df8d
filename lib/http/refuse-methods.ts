import type http from 'node:http';

/**
 * TRACE and TRACK never reach proxy.ts or a route: Next.js turns every request into a WHATWG Request first, which
 * throws for those methods, and the client gets a 500 (issue 13, item 9). They are answered 405 here, on the Node
 * HTTP server itself, before Next sees them. Installed once from instrumentation.ts; returns the undo.
 */
// TRACK is not even parsed by Node's HTTP parser (400); listed for servers whose parser accepts it.
export const REFUSED_METHODS = new Set(['TRACE', 'TRACK']);

export function refuseUnsupportedMethods(server: { prototype: http.Server }): () => void {
  const original = server.prototype.emit;
  server.prototype.emit = function emit(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (REFUSED_METHODS.has(request.method ?? '')) {
        response.writeHead(405, { Allow: 'GET, HEAD, POST', 'Content-Type': 'text/plain' });
        response.end('Method Not Allowed\n');
        return true;
      }
    }
    return original.apply(this, [event, ...args] as Parameters<typeof original>);
  } as typeof original;
  return () => {
    server.prototype.emit = original;
  };
}
