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
 * The request shared by `workers` threads: each claims the next job in the (fit) order when it is free (a shared
 * counter), so the cheap models come first and no thread idles while another has a queue; dealt round-robin up
 * front, a 32M training waited 6 minutes on the thread that drew both long NMF fits. The item similarity goes with
 * the first thread, before its first claim. No more threads than there are things to fit.
 */
export function splitFitRequest(request: FitRequest, workers: number): FitRequest[] {
  const threads = Math.max(1, Math.min(workers, request.jobs.length + (request.itemSimilarity ? 1 : 0)));
  if (threads === 1) return [request];
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  return Array.from({ length: threads }, (_, i): FitRequest => ({
    ratings: request.ratings,
    jobs: request.jobs,
    itemSimilarity: i === 0 && request.itemSimilarity,
    next,
  }));
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
