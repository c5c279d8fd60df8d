import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveSessionSecret, signVisitorToken, verifyVisitorToken } from './session';

jest.mock('next/headers', () => ({ cookies: jest.fn(), headers: jest.fn() }));
jest.mock('@/db/client', () => ({ getDatabase: jest.fn() }));

const secret = 'a'.repeat(64);
const visitor = { id: 1_000_042, createdAt: new Date('2026-11-24T10:00:00.123Z') };

describe('visitor tokens', () => {
  it('round-trips a signed token', () => {
    const token = signVisitorToken(visitor, secret);
    expect(token).toMatch(/^v1\.1000042\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyVisitorToken(token, secret)).toEqual({ id: 1_000_042, createdAtMs: visitor.createdAt.getTime() });
  });

  it('rejects a token whose id or time was altered, keeping the signature', () => {
    const token = signVisitorToken(visitor, secret);
    const [, id, time, signature] = token.split('.');
    expect(verifyVisitorToken(`v1.${Number(id) + 1}.${time}.${signature}`, secret)).toBeNull();
    expect(verifyVisitorToken(`v1.${id}.${Number(time) + 1}.${signature}`, secret)).toBeNull();
  });

  it('rejects a token signed with another secret, a tampered signature and garbage', () => {
    const token = signVisitorToken(visitor, secret);
    expect(verifyVisitorToken(signVisitorToken(visitor, 'b'.repeat(64)), secret)).toBeNull();
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(verifyVisitorToken(flipped, secret)).toBeNull();
    for (const junk of ['', '1000042', 'v1.1000042', `${token}.x`, `v2${token.slice(2)}`, 'v1.-1.0.' + 'A'.repeat(43)]) {
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
    expect(resolveSessionSecret({ sessionSecret: secret, nodeEnv: 'production', databaseUrl: 'postgres://x/y', secretFile })).toBe(secret);
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
      resolveSessionSecret({ nodeEnv: 'production', databaseUrl: 'postgres://db/app', secretFile: path.join(dir, 's') }),
    ).toThrow(/SESSION_SECRET is not set/);
  });

  it('refuses a truncated secret file', () => {
    const secretFile = path.join(dir, 'session-secret');
    fs.writeFileSync(secretFile, 'short');
    expect(() => resolveSessionSecret({ nodeEnv: 'development', secretFile })).toThrow(/delete it/);
  });
});
