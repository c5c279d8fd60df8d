/**
 * The security headers of every response (set by proxy.ts). Scripts and <style> elements are allowed by a fresh
 * nonce per request, which Next.js reads from the request's Content-Security-Policy and puts on its own tags
 * (https://nextjs.org/docs/app/guides/content-security-policy); style="" attributes that React renders on the
 * server (progress bars, charts) need style-src-attr. Framing is refused everywhere (clickjacking of /profile).
 */

export interface SecurityOptions {
  nonce: string;
  /** Served over TLS (directly, or behind a trusted proxy): adds HSTS and upgrade-insecure-requests. */
  tls: boolean;
  /** `next dev` evaluates code for its error overlay. */
  development?: boolean;
}

export function contentSecurityPolicy({ nonce, tls, development = false }: SecurityOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(tls ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(options: SecurityOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.tls ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Did the request reach us over TLS? Only our own URL says so, unless TRUST_PROXY=1: then the first
 * X-Forwarded-Proto of the proxy in front of us does. The Host header never decides (a TLS proxy may forward
 * `Host: localhost`).
 */
export function isTlsRequest(url: string, forwardedProto: string | null, trustProxy: boolean): boolean {
  if (trustProxy && forwardedProto) return forwardedProto.split(',')[0]!.trim().toLowerCase() === 'https';
  return new URL(url).protocol === 'https:';
}

/** A per-request nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
