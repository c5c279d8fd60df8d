/**
 * Runs `task` until it succeeds, waiting between attempts with exponential backoff (initialMs, doubling, capped at
 * maxMs) while `isTransient(error)` says the failure may go away by itself (a database that is not up yet); any
 * other error is rethrown at once.
 */
export interface RetryOptions {
  isTransient(error: unknown): boolean;
  /** Called before each wait with the failed attempt's number (1-based), the error and the delay. */
  onRetry?(attempt: number, error: unknown, delayMs: number): void;
  initialMs?: number;
  maxMs?: number;
  sleep?(ms: number): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retryWithBackoff<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { isTransient, onRetry, initialMs = 500, maxMs = 15_000, sleep = defaultSleep } = options;
  if (!(initialMs > 0) || !(maxMs >= initialMs))
    throw new RangeError(`need 0 < initialMs <= maxMs, got ${initialMs} and ${maxMs}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (!isTransient(error)) throw error;
      const delayMs = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
      onRetry?.(attempt, error, delayMs);
      await sleep(delayMs);
    }
  }
}
