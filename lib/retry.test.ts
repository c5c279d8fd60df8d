import { retryWithBackoff } from './retry';

class Transient extends Error {}

describe('retryWithBackoff', () => {
  it('retries transient failures with doubling, capped delays until the task succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 6) throw new Transient('not up yet');
        return 'done';
      },
      {
        isTransient: (e) => e instanceof Transient,
        initialMs: 100,
        maxMs: 1000,
        sleep: async (ms) => void delays.push(ms),
      },
    );
    expect(result).toBe('done');
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
  });

  it('rethrows a failure that is not transient at once', async () => {
    let calls = 0;
    const attempt = retryWithBackoff(
      async () => {
        calls++;
        throw new Error('a bug');
      },
      { isTransient: (e) => e instanceof Transient, sleep: async () => undefined },
    );
    await expect(attempt).rejects.toThrow('a bug');
    expect(calls).toBe(1);
  });

  it('checks its options', async () => {
    await expect(retryWithBackoff(async () => 1, { isTransient: () => true, initialMs: 0 })).rejects.toThrow(
      RangeError,
    );
  });
});
