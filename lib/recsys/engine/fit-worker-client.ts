import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerStartError, type FitEvent, type FitRequest } from './fit-jobs';
import { errorMessage } from '@/lib/errors';

/** Runs the fits in a worker thread; resolves when the worker reports 'done'. */
export function runFitsInWorker(request: FitRequest, onEvent: (event: FitEvent) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      // Under tsx (npm run train, the benchmarks) this file is TypeScript source, and a worker does not inherit tsx's
      // loader: the worker registers it first. In the site's bundle, the bundler compiles the worker from this URL.
      worker = import.meta.url.endsWith('.ts')
        ? new Worker(
            `require('tsx/cjs'); require(${JSON.stringify(fileURLToPath(import.meta.url).replace(/fit-worker-client\.ts$/, 'fit-worker.ts'))});`,
            { eval: true, workerData: request },
          )
        : new Worker(new URL('./fit-worker.ts', import.meta.url), { workerData: request });
    } catch (error) {
      reject(new WorkerStartError(errorMessage(error)));
      return;
    }
    let heard = false;
    let finished = false;
    worker.on('message', (event: FitEvent | { type: 'done' }) => {
      heard = true;
      if (event.type === 'done') {
        finished = true;
        void worker.terminate();
        resolve();
      } else {
        onEvent(event);
      }
    });
    worker.on('error', (error) => {
      finished = true;
      reject(heard ? error : new WorkerStartError(error.message));
    });
    worker.on('exit', (code) => {
      if (!finished)
        reject(
          heard
            ? new Error(`fit worker exited with code ${code}`)
            : new WorkerStartError(`exit code ${code}`),
        );
    });
  });
}
