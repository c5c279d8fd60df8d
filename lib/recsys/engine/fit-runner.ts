/**
 * Where fits run. 'worker': worker threads (a fit takes up to seconds, `npm run bench` prints each, which would
 * freeze the site if run on the request thread), one per core up to two, the jobs dealt between them so that a cold
 * start takes the longest share rather than the sum. 'main': in this thread, yielding between fits (scripts, tests,
 * and the fallback when a worker cannot start).
 */
import os from 'node:os';
import { runFitJobs, WorkerStartError, type FitEvent, type FitModel, type FitRequest } from './fit-jobs';

/** Worker threads that fit at once: one per core, at most two (the site keeps serving meanwhile). */
export function fitWorkerCount(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}

/**
 * The request dealt over `workers` threads: jobs round-robin in their (fit) order, so each thread starts with cheap
 * models; the item similarity goes with the first thread. Threads without a job are left out.
 */
export function splitFitRequest(request: FitRequest, workers: number): FitRequest[] {
  const parts = Array.from({ length: Math.max(1, workers) }, (_, i): FitRequest => ({
    ratings: request.ratings,
    jobs: request.jobs.filter((_, j) => j % Math.max(1, workers) === i),
    itemSimilarity: i === 0 && request.itemSimilarity,
  }));
  return parts.filter((part, i) => i === 0 || part.jobs.length > 0);
}

export type FitIn = 'worker' | 'main';

export async function runFits(
  request: FitRequest,
  onEvent: (event: FitEvent) => void,
  { fitIn, fit, log }: { fitIn: FitIn; fit?: FitModel; log: (line: string) => void },
): Promise<void> {
  if (fitIn === 'worker' && !fit) {
    try {
      // Loaded lazily: Jest and tsx never evaluate the bundler-only `new URL(..., import.meta.url)` form.
      const { runFitsInWorker } = await import('./fit-worker-client');
      await Promise.all(
        splitFitRequest(request, fitWorkerCount()).map((part) => runFitsInWorker(part, onEvent)),
      );
      return;
    } catch (error) {
      if (!(error instanceof WorkerStartError)) throw error;
      log(`[engine] worker thread unavailable (${error.message}); fitting on the main thread`);
    }
  }
  await runFitJobs(request, onEvent, { fit, pause: () => new Promise((resolve) => setImmediate(resolve)) });
}
