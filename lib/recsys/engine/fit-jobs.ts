/**
 * Fitting the models: the same job list runs in a worker thread (the website: a fit takes seconds and would
 * block every request) or in the calling thread (the train script, tests). No server-only imports: the worker
 * bundle loads this file.
 */
import type { TrainingRatings } from '@/lib/data/training';
import { buildRatingMatrix } from '@/lib/recsys/matrix';
import { errorMessage } from '@/lib/errors';
import type { ItemSimilarityModel } from '@/lib/recsys/item-similarity';
import { computeItemSimilarity, fitModelPayload, type FitJob } from './recsys-adapter';

export type { FitJob } from './recsys-adapter';

export type FitEvent =
  | { type: 'started'; key: string }
  | { type: 'fitted'; key: string; payload: Uint8Array; fitMs: number }
  | { type: 'failed'; key: string; error: string }
  | { type: 'item-similarity'; model: ItemSimilarityModel; ms: number };

export interface FitRequest {
  ratings: TrainingRatings;
  jobs: FitJob[];
  /**
   * A claim counter shared by the threads fitting `jobs` (on a SharedArrayBuffer): each thread takes the next
   * unclaimed job when it is free, so a thread that drew short fits takes more of them. Without it, every job here.
   */
  next?: Int32Array;
  /** Also fit the item–item model behind "similar movies" (seconds; not stored). */
  itemSimilarity?: boolean;
}

/** A fit function: the default one calls lib/recsys; tests inject failing ones. */
export type FitModel = (matrix: ReturnType<typeof buildRatingMatrix>, job: FitJob) => Uint8Array;

/**
 * Runs every job in order, reporting each through `emit`; one failing fit is reported and the next one runs.
 * `pause` runs between jobs (the main-thread variant yields to the event loop there).
 */
export async function runFitJobs(
  request: FitRequest,
  emit: (event: FitEvent) => void,
  { fit = fitModelPayload, pause }: { fit?: FitModel; pause?: () => Promise<void> } = {},
): Promise<void> {
  const matrix = buildRatingMatrix(request.ratings);
  if (request.itemSimilarity) {
    const started = performance.now();
    try {
      emit({
        type: 'item-similarity',
        model: computeItemSimilarity(matrix),
        ms: performance.now() - started,
      });
    } catch (error) {
      emit({ type: 'failed', key: 'item-similarity', error: errorMessage(error) });
    }
  }
  for (let own = 0; ; own++) {
    await pause?.();
    // Claimed once this thread is free to fit it (see FitRequest.next).
    const job = request.jobs[request.next ? Atomics.add(request.next, 0, 1) : own];
    if (!job) break;
    emit({ type: 'started', key: job.key });
    const started = performance.now();
    try {
      const payload = fit(matrix, job);
      emit({ type: 'fitted', key: job.key, payload, fitMs: performance.now() - started });
    } catch (error) {
      emit({ type: 'failed', key: job.key, error: errorMessage(error) });
    }
  }
}

/** The worker could not be created or died before reporting anything. */
export class WorkerStartError extends Error {}
