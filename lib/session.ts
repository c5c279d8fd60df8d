import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getDatabase } from '@/db/client';
import { createVisitor, findVisitor, type Visitor } from '@/lib/data/visitors';
import { getEnv, projectPath } from '@/lib/env';

/**
 * The visitor's anonymous profile lives in a users row; the browser holds a signed cookie naming it:
 * `v1.<user id>.<created_at in ms>.<HMAC-SHA256>`. A cookie that fails the signature, or names a profile that is
 * gone or was re-created under the same id (database reset), counts as no profile: it never opens someone
 * else's ratings. The creation time in the token is what tells a re-created id apart.
 */

export const VISITOR_COOKIE = 'visitor';
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60; // the longest lifetime browsers accept (400 days)
/** Where versions before issue 13 kept the generated secret (the app folder): moved to the data folder on start. */
export const LEGACY_SESSION_SECRET_FILE = '.data/session-secret';
const SESSION_SECRET_FILE_NAME = 'session-secret';

export interface VisitorClaim {
  id: number;
  createdAtMs: number;
}

function hmac(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signVisitorToken(visitor: Visitor, secret: string): string {
  const payload = `v1.${visitor.id}.${visitor.createdAt.getTime()}`;
  return `${payload}.${hmac(payload, secret)}`;
}

/** The claim in a token whose signature checks out (compared in constant time); null otherwise. */
export function verifyVisitorToken(token: string, secret: string): VisitorClaim | null {
  const match = /^(v1\.([1-9]\d{0,9})\.(\d{1,15}))\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, payload = '', id = '', createdAtMs = '', signature = ''] = match;
  const expected = Buffer.from(hmac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return { id: Number(id), createdAtMs: Number(createdAtMs) };
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

async function currentVisitor(): Promise<Visitor | null> {
  const token = (await cookies()).get(VISITOR_COOKIE)?.value;
  const claim = token ? verifyVisitorToken(token, getSessionSecret()) : null;
  if (!claim) return null;
  const { db } = await getDatabase();
  const visitor = await findVisitor(db, claim.id);
  return visitor && visitor.createdAt.getTime() === claim.createdAtMs ? visitor : null;
}

/** The visitor's profile id, or null when they have none yet. Read-only: for server components and routes. */
export const getVisitorId = cache(async (): Promise<number | null> => (await currentVisitor())?.id ?? null);

/** Plain-http localhost in production (`npm start` on your own machine) would drop a Secure cookie. */
async function secureCookie(): Promise<boolean> {
  if (getEnv().NODE_ENV !== 'production') return false;
  const host = (await headers()).get('host') ?? '';
  return !/^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/.test(host);
}

/** The visitor's profile id, creating the profile and setting its cookie when needed. Server actions only. */
export async function ensureVisitorId(): Promise<number> {
  const existing = await currentVisitor();
  if (existing) return existing.id;
  const { db } = await getDatabase();
  const visitor = await createVisitor(db);
  (await cookies()).set(VISITOR_COOKIE, signVisitorToken(visitor, getSessionSecret()), {
    httpOnly: true,
    sameSite: 'lax',
    secure: await secureCookie(),
    path: '/',
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
  return visitor.id;
}

/** Forget the profile in this browser (start over): the next write creates a fresh one. Server actions only. */
export async function forgetVisitor(): Promise<void> {
  (await cookies()).delete(VISITOR_COOKIE);
}
