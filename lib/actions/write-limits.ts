import 'server-only';
import { headers } from 'next/headers';
import { getEnv } from '@/lib/env';
import { clientKey, RateLimiter } from '@/lib/http/rate-limit';

/**
 * Per-client limits on anonymous writes (RATE_LIMIT_WRITES_PER_MINUTE) and on new profiles
 * (RATE_LIMIT_PROFILES_PER_HOUR), in this process's memory (lib/http/rate-limit.ts); 0 turns a limit off.
 */

export const TOO_MANY =
  'Not saved: too many changes from your network in a short time. Please wait a minute.';

export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
}

type Limiters = { writes: RateLimiter | null; profiles: RateLimiter | null };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const writes = env.RATE_LIMIT_WRITES_PER_MINUTE;
    const profiles = env.RATE_LIMIT_PROFILES_PER_HOUR;
    limiters = {
      writes: writes > 0 ? new RateLimiter({ burst: writes, perMinute: writes }) : null,
      profiles: profiles > 0 ? new RateLimiter({ burst: profiles, perMinute: profiles / 60 }) : null,
    };
  }
  return limiters;
}

async function take(limiter: RateLimiter | null): Promise<boolean> {
  if (!limiter) return true;
  return limiter.take(clientKey((await headers()).get('x-forwarded-for'), getEnv().TRUST_PROXY === '1'));
}

/** One write by this client, or false when it is over its limit. */
export const allowWrite = async (): Promise<boolean> => take(getLimiters().writes);

/** Throws RateLimitedError when this client has created too many profiles lately. */
export async function assertNewProfileAllowed(): Promise<void> {
  if (!(await take(getLimiters().profiles)))
    throw new RateLimitedError('too many new profiles from this client');
}
