import { clientKey, RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then perMinute per minute, per client', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 6, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true); // another client has its own bucket
    now += 10_000; // 6 per minute: one more every 10 s
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    now += 10 * 60_000; // refills to the burst, not beyond
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
  });

  it('330 requests in 10 s from one client (the issue 13 flood): only the burst and the refill pass', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 30, perMinute: 60, now: () => now });
    let allowed = 0;
    for (let i = 0; i < 330; i++) {
      now = Math.floor((i * 10_000) / 330);
      if (limiter.take('flood')) allowed++;
    }
    expect(allowed).toBeLessThanOrEqual(30 + 10);
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // 'a' is forgotten: a full bucket again
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('c')).toBe(false);
  });

  it('checks its options', () => {
    expect(() => new RateLimiter({ burst: 0, perMinute: 1 })).toThrow(RangeError);
  });
});

describe('clientKey', () => {
  it('takes the entry the trusted proxy appended, else the whole header', () => {
    expect(clientKey('203.0.113.9, 10.0.0.2', true)).toBe('10.0.0.2');
    expect(clientKey('spoofed, 198.51.100.7', true)).toBe('198.51.100.7');
    expect(clientKey('127.0.0.1', false)).toBe('127.0.0.1');
    expect(clientKey(null, false)).toBe('unknown');
  });
});
