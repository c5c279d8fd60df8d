import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  resolveSessionSecret,
  secureCookieFor,
  sessionSecretFile,
  signVisitorToken,
  TOKEN_MAX_AGE_MS,
  TOKEN_ROTATE_AFTER_MS,
  ensureVisitorId,
  getSessionSecret,
  verifyVisitorToken,
} from './session';
import { cookies, headers } from 'next/headers';
import { createVisitor, findVisitor, recordTokenIssued } from '@/lib/data/visitors';

jest.mock('next/headers', () => ({ cookies: jest.fn(), headers: jest.fn() }));
jest.mock('@/db/client', () => ({ getDatabase: jest.fn(async () => ({ db: {} })) }));
jest.mock('@/lib/data/visitors', () => ({
  findVisitor: jest.fn(),
  createVisitor: jest.fn(),
  recordTokenIssued: jest.fn(),
}));

const secret = 'a'.repeat(64);
const visitor = { id: 1_000_042, createdAt: new Date('2026-11-24T10:00:00.123Z') };
const NOW = Date.parse('2026-12-01T12:00:00.000Z');

describe('visitor tokens', () => {
  it('round-trips a signed token', () => {
    const token = signVisitorToken(visitor, secret, NOW);
    expect(token).toMatch(/^v2\.1000042\.\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyVisitorToken(token, secret, NOW)).toEqual({
      id: 1_000_042,
      createdAtMs: visitor.createdAt.getTime(),
      issuedAtMs: NOW,
    });
  });

  it('rejects a token whose id or times were altered, keeping the signature', () => {
    const token = signVisitorToken(visitor, secret, NOW);
    const [, id, time, issued, signature] = token.split('.');
    expect(verifyVisitorToken(`v2.${Number(id) + 1}.${time}.${issued}.${signature}`, secret, NOW)).toBeNull();
    expect(verifyVisitorToken(`v2.${id}.${Number(time) + 1}.${issued}.${signature}`, secret, NOW)).toBeNull();
    expect(verifyVisitorToken(`v2.${id}.${time}.${NOW + 1000}.${signature}`, secret, NOW)).toBeNull();
  });

  it('expires a token TOKEN_MAX_AGE_MS after it was issued, on the server', () => {
    const token = signVisitorToken(visitor, secret, NOW);
    expect(verifyVisitorToken(token, secret, NOW + TOKEN_MAX_AGE_MS - 1)).not.toBeNull();
    expect(verifyVisitorToken(token, secret, NOW + TOKEN_MAX_AGE_MS)).toBeNull();
    // Issued in the future (beyond a minute of clock skew): forged clocks do not extend a token.
    expect(verifyVisitorToken(signVisitorToken(visitor, secret, NOW + 3_600_000), secret, NOW)).toBeNull();
  });

  it('accepts the older v1 tokens as issued when the profile was created, so they expire too', () => {
    const payload = `v1.${visitor.id}.${visitor.createdAt.getTime()}`;
    const v1 = `${payload}.${crypto.createHmac('sha256', secret).update(payload).digest('base64url')}`;
    const created = visitor.createdAt.getTime();
    expect(verifyVisitorToken(v1, secret, created + 1000)).toEqual({
      id: visitor.id,
      createdAtMs: created,
      issuedAtMs: created,
    });
    expect(verifyVisitorToken(v1, secret, created + TOKEN_MAX_AGE_MS)).toBeNull();
  });

  it('rejects a token signed with another secret, a tampered signature and garbage', () => {
    const token = signVisitorToken(visitor, secret);
    expect(verifyVisitorToken(signVisitorToken(visitor, 'b'.repeat(64)), secret)).toBeNull();
    expect(TOKEN_ROTATE_AFTER_MS).toBeLessThan(TOKEN_MAX_AGE_MS);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(verifyVisitorToken(flipped, secret)).toBeNull();
    for (const junk of [
      '',
      '1000042',
      'v1.1000042',
      `${token}.x`,
      `v3${token.slice(2)}`,
      'v1.-1.0.' + 'A'.repeat(43),
    ]) {
      expect(verifyVisitorToken(junk, secret)).toBeNull();
    }
  });
});

describe('resolveSessionSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-secret-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses SESSION_SECRET when set', () => {
    const secretFile = path.join(dir, 'session-secret');
    expect(
      resolveSessionSecret({
        sessionSecret: secret,
        nodeEnv: 'production',
        databaseUrl: 'postgres://x/y',
        secretFile,
      }),
    ).toBe(secret);
    expect(fs.existsSync(secretFile)).toBe(false);
  });

  it('generates a secret once into a file only its owner can read, then reuses it', () => {
    const secretFile = path.join(dir, 'data', 'session-secret');
    const first = resolveSessionSecret({ nodeEnv: 'development', secretFile });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(resolveSessionSecret({ nodeEnv: 'development', secretFile })).toBe(first);
  });

  it('generates one in production on embedded PGlite too', () => {
    const secretFile = path.join(dir, 'session-secret');
    expect(resolveSessionSecret({ nodeEnv: 'production', secretFile })).toHaveLength(64);
  });

  it('fails with a clear message in production with DATABASE_URL and no SESSION_SECRET', () => {
    expect(() =>
      resolveSessionSecret({
        nodeEnv: 'production',
        databaseUrl: 'postgres://db/app',
        secretFile: path.join(dir, 's'),
      }),
    ).toThrow(/SESSION_SECRET is not set/);
  });

  it('keeps the generated secret in the PGlite data folder, not the app folder', () => {
    expect(sessionSecretFile({ PGLITE_DATA_DIR: '/srv/movies-data' })).toBe(
      '/srv/movies-data/session-secret',
    );
    expect(sessionSecretFile({ PGLITE_DATA_DIR: path.join(dir, 'pglite') })).toBe(
      path.join(dir, 'pglite', 'session-secret'),
    );
  });

  it('moves a secret generated by an older version from the app folder to the data folder', () => {
    const legacyFile = path.join(dir, 'app', '.data', 'session-secret');
    fs.mkdirSync(path.dirname(legacyFile), { recursive: true });
    fs.writeFileSync(legacyFile, 'a'.repeat(64));
    const secretFile = path.join(dir, 'data', 'session-secret');
    expect(resolveSessionSecret({ nodeEnv: 'production', secretFile, legacyFile })).toBe('a'.repeat(64));
    expect(fs.existsSync(legacyFile)).toBe(false);
    // A redeploy replaces the app folder: the secret (and so every visitor's cookie) survives with the data.
    fs.rmSync(path.join(dir, 'app'), { recursive: true });
    expect(resolveSessionSecret({ nodeEnv: 'production', secretFile, legacyFile })).toBe('a'.repeat(64));
  });

  it('refuses a truncated secret file', () => {
    const secretFile = path.join(dir, 'session-secret');
    fs.writeFileSync(secretFile, 'short');
    expect(() => resolveSessionSecret({ nodeEnv: 'development', secretFile })).toThrow(/delete it/);
  });
});

describe('the Secure flag of the visitor cookie', () => {
  it('follows X-Forwarded-Proto only behind a trusted proxy (TRUST_PROXY=1), never the Host header', () => {
    expect(secureCookieFor('https', true)).toBe(true);
    expect(secureCookieFor('https, http', true)).toBe(true);
    expect(secureCookieFor('http', true)).toBe(false);
    // Untrusted: anyone can send X-Forwarded-Proto, and next start itself speaks plain HTTP.
    expect(secureCookieFor('https', false)).toBe(false);
    expect(secureCookieFor(null, false)).toBe(false);
  });
});

describe('ensureVisitorId rotates the token', () => {
  const set = jest.fn();
  beforeAll(() => {
    process.env.SESSION_SECRET = 'rotation-test-secret-'.padEnd(64, 'r'); // never generate one into the worktree
  });
  function withCookie(token: string | undefined, forwardedProto: string | null = null) {
    jest
      .mocked(cookies)
      .mockResolvedValue({ get: () => (token ? { value: token } : undefined), set } as never);
    jest
      .mocked(headers)
      .mockResolvedValue(new Headers(forwardedProto ? { 'x-forwarded-proto': forwardedProto } : {}) as never);
    jest.mocked(findVisitor).mockResolvedValue(visitor);
  }
  beforeEach(() => set.mockReset());

  it('re-issues a token older than TOKEN_ROTATE_AFTER_MS on a write, for the same profile', async () => {
    withCookie(signVisitorToken(visitor, getSessionSecret(), Date.now() - TOKEN_ROTATE_AFTER_MS - 1000));
    expect(await ensureVisitorId()).toBe(visitor.id);
    expect(set).toHaveBeenCalledTimes(1);
    const [, token, options] = set.mock.calls[0]!;
    expect(verifyVisitorToken(token, getSessionSecret())).toMatchObject({
      id: visitor.id,
      issuedAtMs: expect.any(Number),
    });
    expect(Date.now() - verifyVisitorToken(token, getSessionSecret())!.issuedAtMs).toBeLessThan(60_000);
    expect(options).toMatchObject({ httpOnly: true, secure: false, maxAge: TOKEN_MAX_AGE_MS / 1000 });
    expect(createVisitor).not.toHaveBeenCalled();
    // The database knows when the newest cookie was issued (visitor expiry goes by it).
    expect(recordTokenIssued).toHaveBeenCalledWith(
      expect.anything(),
      visitor.id,
      new Date(verifyVisitorToken(token, getSessionSecret())!.issuedAtMs),
    );
  });

  it('leaves a recent token alone', async () => {
    withCookie(signVisitorToken(visitor, getSessionSecret()));
    expect(await ensureVisitorId()).toBe(visitor.id);
    expect(set).not.toHaveBeenCalled();
  });
});
