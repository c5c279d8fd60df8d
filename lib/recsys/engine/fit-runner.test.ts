import type { FitRequest } from './fit-jobs';
import { fitWorkerCount, splitFitRequest } from './fit-runner';

const job = (key: string) => ({ key, algorithm: 'popular' as const, params: {} });
const request: FitRequest = {
  ratings: { userIds: new Int32Array(0), movieIds: new Int32Array(0), ratings: new Float32Array(0) },
  jobs: ['a', 'b', 'c', 'd', 'e'].map(job),
  itemSimilarity: true,
};

describe('splitting the fits over worker threads', () => {
  it('deals the jobs round-robin in their order, the item similarity with the first thread', () => {
    const [first, second] = splitFitRequest(request, 2);
    expect(first?.jobs.map((j) => j.key)).toEqual(['a', 'c', 'e']);
    expect(second?.jobs.map((j) => j.key)).toEqual(['b', 'd']);
    expect([first?.itemSimilarity, second?.itemSimilarity]).toEqual([true, false]);
  });

  it('keeps one request on one thread, and leaves out threads with nothing to do', () => {
    expect(splitFitRequest(request, 1)).toEqual([request]);
    expect(splitFitRequest({ ...request, jobs: [job('a')] }, 2)).toHaveLength(1);
    expect(splitFitRequest({ ...request, jobs: [] }, 2)).toEqual([{ ...request, jobs: [] }]);
  });

  it('uses one thread per core, at most two', () => {
    expect([fitWorkerCount(1), fitWorkerCount(2), fitWorkerCount(16)]).toEqual([1, 2, 2]);
  });
});
