/**
 * Token buckets per client, in this process's memory (issue 13, item 4): each site process limits on its own, so
 * N processes behind a load balancer allow up to N times the rate, and a restart forgets. Enough to stop one client
 * from flooding the site with anonymous writes and profiles; not a substitute for a limit at the proxy.
 */

export interface RateLimitOptions {
  /** Requests allowed at once (the bucket's size). */
  burst: number;
  /** Requests regained per minute. */
  perMinute: number;
  /** Clients remembered at most; the fullest buckets are forgotten first (they have nothing to hold against). */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly perMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor({ burst, perMinute, maxClients = 50_000, now = Date.now }: RateLimitOptions) {
    if (!(burst >= 1) || !(perMinute > 0))
      throw new RangeError(`need burst >= 1 and perMinute > 0, got ${burst} and ${perMinute}`);
    this.burst = burst;
    this.perMs = perMinute / 60_000;
    this.maxClients = maxClients;
    this.now = now;
  }

  /** Takes one request from the client's bucket: false when it is empty (the client must wait). */
  take(client: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.delete(client); // re-inserted last: Map order is then least recently used first
    if (bucket.tokens < 1) {
      this.buckets.set(client, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    return true;
  }
}

/**
 * Who the client is. Behind a trusted proxy (TRUST_PROXY=1) the last X-Forwarded-For entry, which that proxy
 * appended; otherwise the X-Forwarded-For Next.js fills from the socket address (a client that sends its own
 * header picks its own key: put a proxy in front and set TRUST_PROXY=1 where that matters).
 */
export function clientKey(forwardedFor: string | null, trustProxy: boolean): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const key = trustProxy ? entries.at(-1) : entries.join(',');
  return (key || 'unknown').slice(0, 200);
}
