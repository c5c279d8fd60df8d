import path from 'node:path';
import { z } from 'zod';
import { firstIssue } from '@/lib/validation/issues';

/**
 * process.env parsed once. Every variable the product reads is listed here (and in the README).
 */
const EnvSchema = z.object({
  /** A PostgreSQL server (postgres://user@host:port/db). Unset: embedded PGlite in PGLITE_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Where embedded PGlite keeps its files. */
  PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
  /** Secret that signs the visitor's profile cookie; generated into .data/ when unset (not in production). */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Set to 0 to skip importing the bundled MovieLens data on first start. */
  AUTO_IMPORT: z.enum(['0', '1']).default('1'),
  /** The MovieLens folder imported on first start. */
  MOVIELENS_DIR: z.string().min(1).default('data/ml-latest-small'),
  /** Bearer token for the operator view of /api/health (details, errors); unset: no operator view. */
  HEALTH_TOKEN: z.string().min(16).optional(),
  /** 1: a TLS proxy in front of the site is trusted: its X-Forwarded-Proto decides HTTPS (Secure cookie, HSTS). */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Writes (ratings, hides) per minute per client, in each process's memory; 0: no limit. */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /** New anonymous profiles per hour per client, in each process's memory; 0: no limit. */
  RATE_LIMIT_PROFILES_PER_HOUR: z.coerce.number().int().min(0).default(20),
  /**
   * How often, in seconds, each process looks for MovieLens data that another process imported (`db:import
   * --replace`) and moves to its catalogue and models.
   */
  DATA_CHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof EnvSchema>;

let parsed: Env | undefined;

export function getEnv(): Env {
  if (!parsed) {
    const result = EnvSchema.safeParse({
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL || undefined,
      SESSION_SECRET: process.env.SESSION_SECRET || undefined,
      HEALTH_TOKEN: process.env.HEALTH_TOKEN || undefined,
    });
    if (!result.success) {
      throw new Error(`Invalid environment variable ${firstIssue(result.error)}`);
    }
    parsed = result.data;
  }
  return parsed;
}

/** Resolve a configured path against the project folder (where `npm start` runs). */
export function projectPath(configured: string): string {
  return path.resolve(process.cwd(), configured);
}
