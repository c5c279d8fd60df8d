/** Option parsing shared by the recsys CLIs (their entry point is runScript, ./run-script.ts). */
import { existsSync } from 'node:fs';
import { UsageError } from './run-script';
import {
  ALGORITHM_NAMES,
  allVariants,
  isAlgorithmName,
  NMF_FILLS,
  type FitOptions,
  type NmfFill,
} from '../../lib/recsys/index';

export function requireFile(path: string): string {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  return path;
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

/** The fit options a CLI run asks for; `all` expands to every registry entry's variants (every fill for NMF). */
export function fitOptionsFor(
  algorithm: string,
  fill: string | undefined,
  rank: number | undefined,
  neighbours: number | undefined,
): FitOptions[] {
  if (fill !== undefined && !(NMF_FILLS as readonly string[]).includes(fill))
    throw new UsageError(`--fill must be one of ${NMF_FILLS.join(', ')} (got '${fill}')`);
  if (algorithm !== 'all' && !isAlgorithmName(algorithm))
    throw new UsageError(
      `--algorithm must be one of ${ALGORITHM_NAMES.join(', ')}, all (got '${algorithm}')`,
    );
  const runs = algorithm === 'all' ? allVariants() : [{ algorithm } as FitOptions];
  return runs
    .filter((options) => fill === undefined || options.algorithm !== 'nmf' || options.fill === fill)
    .map((options) => {
      // A single NMF run without --fill uses the fill the site serves by default for NMF.
      const withFill =
        options.algorithm === 'nmf' && options.fill === undefined
          ? { ...options, fill: (fill ?? 'movie-median') as NmfFill }
          : options;
      if (rank && (withFill.algorithm === 'nmf' || withFill.algorithm === 'mf')) return { ...withFill, rank };
      if (neighbours && withFill.algorithm === 'cosine') return { ...withFill, neighbours };
      return withFill;
    });
}
