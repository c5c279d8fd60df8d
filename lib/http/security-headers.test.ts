import { contentSecurityPolicy, createNonce, isTlsRequest, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('allow scripts and styles by nonce only, and no framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123==', tls: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123=='");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
    expect(contentSecurityPolicy({ nonce: 'n', tls: false, development: true })).toContain("'unsafe-eval'");
  });

  it('add HSTS and upgrade-insecure-requests only over TLS', () => {
    expect(securityHeaders({ nonce: 'n', tls: false })).not.toHaveProperty('Strict-Transport-Security');
    const tls = securityHeaders({ nonce: 'n', tls: true });
    expect(tls['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(tls['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(tls).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });

  it('believe X-Forwarded-Proto only from a trusted proxy', () => {
    expect(isTlsRequest('http://localhost:3000/', 'https', true)).toBe(true);
    expect(isTlsRequest('http://localhost:3000/', 'https', false)).toBe(false);
    expect(isTlsRequest('https://example.org/', null, false)).toBe(true);
  });

  it('make a fresh nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
