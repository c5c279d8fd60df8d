/** Worker-thread entry: fits the requested models off the request thread and posts each result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runFitJobs, type FitEvent, type FitRequest } from './fit-jobs';

const port = parentPort;
if (port) {
  const request = workerData as FitRequest;
  void runFitJobs(request, (event: FitEvent) => {
    if (event.type === 'fitted') port.postMessage(event, [event.payload.buffer as ArrayBuffer]);
    else port.postMessage(event);
  }).then(() => port.postMessage({ type: 'done' }));
}
