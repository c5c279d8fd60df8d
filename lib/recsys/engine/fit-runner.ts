/**
 * Where fits run. 'worker': a worker thread (a fit takes up to seconds, `npm run bench` prints each, which would
 * freeze the site if run on the request thread). 'main': in this thread, yielding between fits (scripts, tests, and
 * the fallback when a worker cannot start).
 */
import { runFitJobs, WorkerStartError, type FitEvent, type FitModel, type FitRequest } from './fit-jobs';

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
      await runFitsInWorker(request, onEvent);
      return;
    } catch (error) {
      if (!(error instanceof WorkerStartError)) throw error;
      log(`[engine] worker thread unavailable (${error.message}); fitting on the main thread`);
    }
  }
  await runFitJobs(request, onEvent, { fit, pause: () => new Promise((resolve) => setImmediate(resolve)) });
}
