import { fitIalsFactors, ialsCgSolve, ialsSystem, weightedGram } from './ials';
import { choleskySolve } from './linalg';
import { mulberry32 } from './random';
import { syntheticMatrix } from './test-helpers';

describe('iALS solvers (CG at 32M scale)', () => {
  const mat = syntheticMatrix(50, 30, { seed: 5, density: 0.3 });
  const local = Int32Array.from({ length: mat.movies }, (_, j) => j);

  it("'auto' solves exactly below LARGE_DATA_RATINGS: the same factors as 'exact'", () => {
    const options = { factors: 4, iterations: 3 };
    expect(fitIalsFactors(mat, local, mat.movies, { ...options, solver: 'auto' })).toEqual(
      fitIalsFactors(mat, local, mat.movies, { ...options, solver: 'exact' }),
    );
  });

  it('CG with k steps from zero reaches the exact solve of the row system', () => {
    const rng = mulberry32(3);
    const k = 6;
    const F = Float64Array.from({ length: 30 * k }, () => rng() - 0.5);
    const G = weightedGram(F, 30, k, 1);
    const rows = Int32Array.from([1, 4, 7, 12, 20]);
    const conf = Float64Array.from([2, 8, 4, 10, 6]);
    const { A, b } = ialsSystem(G, F, k, rows, conf, 5);
    const exact = choleskySolve(A, b, k);
    const out = new Float64Array(2 * k);
    ialsCgSolve(G, F, k, rows, conf, 5, out, k, k);
    for (let a = 0; a < k; a++) expect(out[k + a]).toBeCloseTo(exact[a] as number, 8);
    expect(Array.from(out.subarray(0, k))).toEqual(new Array(k).fill(0));
  });

  it("'cg' fits factors close to the exact ones (three warm-started steps per solve)", () => {
    const options = { factors: 4, iterations: 6 };
    const exact = fitIalsFactors(mat, local, mat.movies, { ...options, solver: 'exact' });
    const cg = fitIalsFactors(mat, local, mat.movies, { ...options, solver: 'cg' });
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < exact.length; i++) {
      diff += ((cg[i] as number) - (exact[i] as number)) ** 2;
      norm += (exact[i] as number) ** 2;
    }
    expect(Math.sqrt(diff / norm)).toBeLessThan(0.1);
    expect(() => fitIalsFactors(mat, local, mat.movies, { cgSteps: 0 })).toThrow(RangeError);
  });
});
