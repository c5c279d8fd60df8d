/**
 * Route handlers that write (POST /api/profile/import) get none of the Origin check Next.js gives server actions:
 * a page on another site could post a form to them with the visitor's browser. A browser says where a request
 * comes from (`Sec-Fetch-Site`, `Origin`); programs such as curl send neither, and stay welcome.
 */
export function isCrossSiteRequest(request: Request): boolean {
  // Every current browser sends Sec-Fetch-Site, and it is right behind a proxy that rewrites Host; 'none' is a
  // request the visitor typed or bookmarked. Older browsers: compare the Origin with the Host.
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
}
