/**
 * A random claim proxy.ts gives a browser with no profile on its first page view. Every tab of that browser sends
 * the same claim with its first write, so concurrent first ratings from several tabs create ONE profile (the
 * claim is unique in users.claim, lib/data/visitors.ts); lib/session.ts deletes it once the profile exists.
 */
/** The signed profile cookie (lib/session.ts); named here so that proxy.ts need not import server-only code. */
export const VISITOR_COOKIE = 'visitor';
export const CLAIM_COOKIE = 'visitor-claim';
export const CLAIM_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function isClaim(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** 128 random bits, base64url (22 characters). */
export function newClaim(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
}
