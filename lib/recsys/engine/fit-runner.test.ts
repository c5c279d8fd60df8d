import { runFitJobs, type FitRequest } from './fit-jobs';
import { fitWorkerCount, splitFitRequest } from './fit-runner';

const job = (key: string) => ({ key, algorithm: 'popular' as const, params: {} });
const request: FitRequest = {
  ratings: { userIds: new Int32Array(0), movieIds: new Int32Array(0), ratings: new Float32Array(0) },
  jobs: ['a', 'b', 'c', 'd', 'e'].map(job),
  itemSimilarity: true,
};

describe('splitting the fits over worker threads', () => {
  it('shares the jobs through one claim counter, the item similarity with the first thread', () => {
    const [first, second, third] = splitFitRequest(request, 2);
    expect(third).toBeUndefined();
    expect(first?.jobs).toBe(request.jobs);
    expect(second?.jobs).toBe(request.jobs);
    expect(first?.next).toBeInstanceOf(Int32Array);
    expect(first?.next?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(second?.next).toBe(first?.next);
    expect([first?.itemSimilarity, second?.itemSimilarity]).toEqual([true, false]);
  });

  it('keeps one request on one thread, and starts no more threads than there are things to fit', () => {
    expect(splitFitRequest(request, 1)).toEqual([request]);
    expect(splitFitRequest({ ...request, jobs: [job('a')] }, 2)).toHaveLength(2); // the item similarity beside it
    expect(splitFitRequest({ ...request, jobs: [job('a')], itemSimilarity: false }, 2)).toHaveLength(1);
    expect(splitFitRequest({ ...request, jobs: [] }, 2)).toEqual([{ ...request, jobs: [] }]);
  });

  it('threads sharing a counter fit every job once between them, the free one taking the next', async () => {
    const fitted: string[][] = [[], []];
    const parts = splitFitRequest({ ...request, itemSimilarity: false }, 2);
    // Thread 0 draws a slow first fit: thread 1 takes every job claimed meanwhile.
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const runs = parts.map((part, thread) =>
      runFitJobs(
        part,
        (event) => {
          if (event.type === 'started') fitted[thread]?.push(event.key);
        },
        {
          fit: () => new Uint8Array(1),
          pause: async () => {
            if (thread === 0 && fitted[0]?.length === 1) await slow;
            await new Promise((resolve) => setImmediate(resolve));
          },
        },
      ),
    );
    await runs[1];
    releaseSlow();
    await Promise.all(runs);
    expect(fitted[0]).toEqual(['a']);
    expect(fitted[1]).toEqual(['b', 'c', 'd', 'e']);
  });

  it('uses one thread per core, at most two', () => {
    expect([fitWorkerCount(1), fitWorkerCount(2), fitWorkerCount(16)]).toEqual([1, 2, 2]);
  });
});
