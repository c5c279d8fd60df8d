import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getDatabase } from '@/db/client';
import {
  createVisitor,
  createVisitorForClaim,
  findVisitor,
  recordTokenIssued,
  type Visitor,
} from '@/lib/data/visitors';
import { assertNewProfileAllowed } from '@/lib/actions/write-limits';
import { getEnv, projectPath } from '@/lib/env';
import { isTlsRequest } from '@/lib/http/security-headers';
import { CLAIM_COOKIE, CLAIM_MAX_AGE_MS, isClaim, VISITOR_COOKIE } from '@/lib/http/visitor-claim';

/**
 * The visitor's anonymous profile lives in a users row; the browser holds a signed cookie naming it:
 * `v2.<user id>.<created_at in ms>.<issued at in ms>.<HMAC-SHA256>`. A cookie that fails the signature, or names a
 * profile that is gone or was re-created under the same id (database reset), counts as no profile: it never opens
 * someone else's ratings. The creation time in the token is what tells a re-created id apart.
 *
 * Tokens expire on the server TOKEN_MAX_AGE_MS after they were issued (whatever the browser keeps), and each write
 * more than TOKEN_ROTATE_AFTER_MS after issue gets a fresh token, so an active visitor never expires and a copied
 * cookie stops working at the latest after TOKEN_MAX_AGE_MS. Tokens of the older `v1` form count as issued when
 * the profile was created.
 */

export { VISITOR_COOKIE };
const DAY_MS = 24 * 60 * 60 * 1000;
export const TOKEN_MAX_AGE_MS = 180 * DAY_MS;
export const TOKEN_ROTATE_AFTER_MS = DAY_MS;
/** Where versions before issue 13 kept the generated secret (the app folder): moved to the data folder on start. */
export const LEGACY_SESSION_SECRET_FILE = '.data/session-secret';
const SESSION_SECRET_FILE_NAME = 'session-secret';

export interface VisitorClaim {
  id: number;
  createdAtMs: number;
  issuedAtMs: number;
}

function hmac(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signVisitorToken(visitor: Visitor, secret: string, issuedAtMs = Date.now()): string {
  const payload = `v2.${visitor.id}.${visitor.createdAt.getTime()}.${issuedAtMs}`;
  return `${payload}.${hmac(payload, secret)}`;
}

/**
 * The claim in a token whose signature checks out (compared in constant time) and that has not expired (issued
 * less than TOKEN_MAX_AGE_MS before `nowMs`, and not in the future); null otherwise.
 */
export function verifyVisitorToken(token: string, secret: string, nowMs = Date.now()): VisitorClaim | null {
  const match =
    /^(v1\.([1-9]\d{0,9})\.(\d{1,15})|v2\.([1-9]\d{0,9})\.(\d{1,15})\.(\d{1,15}))\.([A-Za-z0-9_-]{43})$/.exec(
      token,
    );
  if (!match) return null;
  const [, payload = '', v1Id, v1Created, v2Id, v2Created, issued, signature = ''] = match;
  const expected = Buffer.from(hmac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const createdAtMs = Number(v1Created ?? v2Created);
  const claim = {
    id: Number(v1Id ?? v2Id),
    createdAtMs,
    issuedAtMs: issued === undefined ? createdAtMs : Number(issued),
  };
  const age = nowMs - claim.issuedAtMs;
  return age >= -60_000 && age < TOKEN_MAX_AGE_MS ? claim : null; // a minute of clock skew between instances
}

interface SecretSources {
  sessionSecret?: string;
  nodeEnv: string;
  databaseUrl?: string;
  /** Where a generated secret is kept when none is configured. */
  secretFile: string;
  /** An older location: a secret found there (and not yet at secretFile) is moved, so no visitor is logged out. */
  legacyFile?: string;
}

/**
 * The generated secret lives with the data it protects: in PGLITE_DATA_DIR (a redeploy that replaces the app
 * folder but keeps the data keeps every visitor's profile). With DATABASE_URL (development only: production there
 * requires SESSION_SECRET) it stays in the app's .data/ folder.
 */
export function sessionSecretFile(env: { DATABASE_URL?: string; PGLITE_DATA_DIR: string }): string {
  return env.DATABASE_URL
    ? projectPath(LEGACY_SESSION_SECRET_FILE)
    : path.join(projectPath(env.PGLITE_DATA_DIR), SESSION_SECRET_FILE_NAME);
}

/**
 * SESSION_SECRET when set. Otherwise a random secret generated once into the data folder (mode 0600) — fine for
 * development and for a single production server on embedded PGlite, whose data sits in that same folder.
 * Production on a PostgreSQL server may run several app instances (and lose a local folder on redeploy), so
 * there the secret must be configured: a clear error instead of sessions that silently break.
 */
export function resolveSessionSecret(sources: SecretSources): string {
  if (sources.sessionSecret) return sources.sessionSecret;
  if (sources.nodeEnv === 'production' && sources.databaseUrl) {
    throw new Error(
      'SESSION_SECRET is not set. In production with DATABASE_URL, set SESSION_SECRET to 32 or more random ' +
        'characters (for example the output of `openssl rand -hex 32`) so that visitor cookies can be signed.',
    );
  }
  fs.mkdirSync(path.dirname(sources.secretFile), { recursive: true });
  const legacy =
    sources.legacyFile && path.resolve(sources.legacyFile) !== path.resolve(sources.secretFile)
      ? sources.legacyFile
      : null;
  if (legacy && fs.existsSync(legacy) && !fs.existsSync(sources.secretFile)) {
    fs.copyFileSync(legacy, sources.secretFile, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(sources.secretFile, 0o600);
    fs.rmSync(legacy, { force: true });
  }
  try {
    fs.writeFileSync(sources.secretFile, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(sources.secretFile, 'utf8').trim();
  if (secret.length < 32) {
    throw new Error(`${sources.secretFile} holds no usable session secret: delete it to generate a new one.`);
  }
  return secret;
}

let cachedSecret: string | undefined;

/** The signing secret (resolved once). Call at startup to fail early on a misconfigured production server. */
export function getSessionSecret(): string {
  if (!cachedSecret) {
    const env = getEnv();
    cachedSecret = resolveSessionSecret({
      sessionSecret: env.SESSION_SECRET,
      nodeEnv: env.NODE_ENV,
      databaseUrl: env.DATABASE_URL,
      secretFile: sessionSecretFile(env),
      legacyFile: projectPath(LEGACY_SESSION_SECRET_FILE),
    });
  }
  return cachedSecret;
}

async function currentVisitor(): Promise<{ visitor: Visitor; claim: VisitorClaim } | null> {
  const token = (await cookies()).get(VISITOR_COOKIE)?.value;
  const claim = token ? verifyVisitorToken(token, getSessionSecret()) : null;
  if (!claim) return null;
  const { db } = await getDatabase();
  const visitor = await findVisitor(db, claim.id);
  return visitor && visitor.createdAt.getTime() === claim.createdAtMs ? { visitor, claim } : null;
}

/** The visitor's profile id, or null when they have none yet. Read-only: for server components and routes. */
export const getVisitorId = cache(
  async (): Promise<number | null> => (await currentVisitor())?.visitor.id ?? null,
);

/**
 * Secure only when the request came over TLS: `next start` itself speaks plain HTTP, so that is known only from a
 * TLS proxy in front of it, trusted with TRUST_PROXY=1 (its X-Forwarded-Proto). The Host header never decides.
 */
export function secureCookieFor(forwardedProto: string | null, trustProxy: boolean): boolean {
  return isTlsRequest('http://site/', forwardedProto, trustProxy);
}

async function setVisitorCookie(visitor: Visitor): Promise<void> {
  const issuedAt = new Date();
  // Recorded first: a cookie the database does not know of could outlive its profile's expiry.
  await recordTokenIssued((await getDatabase()).db, visitor.id, issuedAt);
  (await cookies()).set(VISITOR_COOKIE, signVisitorToken(visitor, getSessionSecret(), issuedAt.getTime()), {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookieFor((await headers()).get('x-forwarded-proto'), getEnv().TRUST_PROXY === '1'),
    path: '/',
    maxAge: TOKEN_MAX_AGE_MS / 1000,
  });
}

/**
 * The visitor's profile id, creating the profile and setting its cookie when needed, and rotating a token older
 * than TOKEN_ROTATE_AFTER_MS. Server actions only.
 */
export async function ensureVisitorId(): Promise<number> {
  const existing = await currentVisitor();
  if (existing) {
    if (Date.now() - existing.claim.issuedAtMs > TOKEN_ROTATE_AFTER_MS)
      await setVisitorCookie(existing.visitor);
    return existing.visitor.id;
  }
  await assertNewProfileAllowed();
  const { db } = await getDatabase();
  const jar = await cookies();
  const claim = jar.get(CLAIM_COOKIE)?.value;
  const visitor =
    claim && isClaim(claim)
      ? await createVisitorForClaim(db, claim, CLAIM_MAX_AGE_MS)
      : await createVisitor(db);
  await setVisitorCookie(visitor);
  if (claim) jar.delete(CLAIM_COOKIE);
  return visitor.id;
}

/** Forget the profile in this browser (start over): the next write creates a fresh one. Server actions only. */
export async function forgetVisitor(): Promise<void> {
  (await cookies()).delete(VISITOR_COOKIE);
  (await cookies()).delete(CLAIM_COOKIE);
}
