/** Small helpers shared by the recsys CLIs: one-line user errors (exit 2) and option parsing. */
import { existsSync } from 'node:fs';
import type { FitOptions } from '../../lib/recsys/index';
import type { NmfFill } from '../../lib/recsys/types';

export class UsageError extends Error {}

/** Runs main; a UsageError (or a missing file) prints one line and exits 2, anything else is a bug. */
export function runCli(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
        console.error(`error: ${e.message}`);
        process.exit(2);
      }
      throw e;
    });
}

export function requireFile(path: string): string {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  return path;
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

export const FILLS: NmfFill[] = ['zeros', 'global-median', 'movie-median', 'masked'];
export const ALGORITHMS = ['nmf', 'cosine', 'popular', 'ease', 'mf', 'ease-ials'] as const;

/** The fit options a CLI run asks for; `all` expands to every algorithm (and every fill for NMF). */
export function fitOptionsFor(algorithm: string, fill: string | undefined, rank: number | undefined, neighbours: number | undefined): FitOptions[] {
  if (fill !== undefined && !FILLS.includes(fill as NmfFill)) throw new UsageError(`--fill must be one of ${FILLS.join(', ')} (got '${fill}')`);
  if (algorithm !== 'all' && !(ALGORITHMS as readonly string[]).includes(algorithm)) throw new UsageError(`--algorithm must be one of ${ALGORITHMS.join(', ')}, all (got '${algorithm}')`);
  const nmf = (fills: NmfFill[]): FitOptions[] => fills.map((f) => ({ algorithm: 'nmf', fill: f, ...(rank ? { rank } : {}) }));
  const one = (a: string): FitOptions[] => {
    switch (a) {
      case 'nmf': return nmf(fill ? [fill as NmfFill] : algorithm === 'all' ? FILLS : ['movie-median']);
      case 'cosine': return [{ algorithm: 'cosine', ...(neighbours ? { neighbours } : {}) }];
      case 'mf': return [{ algorithm: 'mf', ...(rank ? { rank } : {}) }];
      default: return [{ algorithm: a } as FitOptions];
    }
  };
  return algorithm === 'all' ? ALGORITHMS.flatMap(one) : one(algorithm);
}
