/**
 * Paired Wilcoxon signed-rank test (two-sided), normal approximation: zero differences dropped (Wilcoxon's
 * method), tied |d| share their mean rank and the variance is corrected for ties, no continuity correction
 * (scipy.stats.wilcoxon(method='approx', zero_method='wilcox', correction=False) computes the same).
 * Used to tell whether one recommender's per-user NDCG beats another's by more than noise.
 */

export interface WilcoxonResult {
  /** Pairs with a non-zero difference (the n of the test). */
  n: number;
  /** Sum of the ranks of the positive differences (a − b > 0). */
  wPlus: number;
  /** Sum of the ranks of the negative differences. */
  wMinus: number;
  /** Standardised W+ (0 when n = 0 or every |d| ties and the variance vanishes). */
  z: number;
  /** Two-sided p-value; 1 when there is nothing to test. */
  p: number;
  /** Mean of a − b over all pairs (zeros included). */
  meanDifference: number;
}

/**
 * Standard normal upper tail Q(z) = 1 − Φ(z) = erfc(z/√2)/2, with Numerical Recipes' Chebyshev erfcc
 * (fractional error < 1.2e-7 everywhere: plenty for a p-value, no special-function dependency).
 */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** The test on paired samples a[i], b[i]. O(n log n). */
export function wilcoxonSignedRank(a: ArrayLike<number>, b: ArrayLike<number>): WilcoxonResult {
  if (a.length !== b.length)
    throw new RangeError(`wilcoxon: paired samples differ in length (${a.length} vs ${b.length})`);
  let sum = 0;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (!Number.isFinite(d)) throw new RangeError(`wilcoxon: non-finite difference at ${i}`);
    sum += d;
    if (d !== 0) diffs.push(d);
  }
  const meanDifference = a.length ? sum / a.length : 0;
  const n = diffs.length;
  const order = diffs
    .map((_, i) => i)
    .sort((x, y) => Math.abs(diffs[x] as number) - Math.abs(diffs[y] as number));
  let wPlus = 0;
  let wMinus = 0;
  let tieTerm = 0; // Σ (t³ − t) over groups of tied |d|
  for (let s = 0; s < n;) {
    let e = s + 1;
    const abs = Math.abs(diffs[order[s] as number] as number);
    while (e < n && Math.abs(diffs[order[e] as number] as number) === abs) e++;
    const rank = (s + 1 + e) / 2; // mean of ranks s+1..e
    for (let k = s; k < e; k++) {
      if ((diffs[order[k] as number] as number) > 0) wPlus += rank;
      else wMinus += rank;
    }
    const t = e - s;
    tieTerm += t * t * t - t;
    s = e;
  }
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  const z = variance > 0 ? (wPlus - mean) / Math.sqrt(variance) : 0;
  const p = variance > 0 ? Math.min(1, 2 * normalUpperTail(Math.abs(z))) : 1;
  return { n, wPlus, wMinus, z, p, meanDifference };
}
