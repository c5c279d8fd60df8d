import { normalUpperTail, wilcoxonSignedRank } from './wilcoxon';

describe('wilcoxonSignedRank', () => {
  it("matches Darwin's Zea mays data (Fisher, The Design of Experiments, 1935, §17) as in scipy.stats.wilcoxon's docs", () => {
    // Height differences (eighths of an inch) of 15 cross- vs self-fertilised pairs. No ties, no zeros:
    // W− = rank(48) + rank(67) = 10 + 14 = 24; E = 15·16/4 = 60; Var = 15·16·31/24 = 310;
    // z = (W+ − 60)/√310 = (96 − 60)/17.607 = 2.0447; p = 2(1 − Φ(2.0447)) = 0.040888 (scipy method='approx': 0.04088813291185591).
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const r = wilcoxonSignedRank(d, new Array(d.length).fill(0));
    expect(r.n).toBe(15);
    expect(r.wMinus).toBe(24);
    expect(r.wPlus).toBe(96);
    expect(r.z).toBeCloseTo(36 / Math.sqrt(310), 10);
    expect(r.p).toBeCloseTo(0.04088813291185591, 6);
    expect(r.meanDifference).toBeCloseTo(314 / 15, 10);
  });

  it('drops zero differences and corrects the variance for ties (hand-computed)', () => {
    // d = a − b = [0, 1, −1, 2, 2, 3, −4, 0] → zeros dropped, n = 6; |d| = 1,1,2,2,3,4 → ranks 1.5,1.5,3.5,3.5,5,6.
    // W+ = 1.5 + 3.5 + 3.5 + 5 = 13.5, W− = 1.5 + 6 = 7.5; E = 6·7/4 = 10.5;
    // Var = 6·7·13/24 − ((2³−2) + (2³−2))/48 = 22.75 − 0.25 = 22.5; z = 3/√22.5 = 0.63246; p = 2(1 − Φ(0.63246)) = 0.52709.
    const a = [5, 6, 4, 9, 7, 8, 1, 3];
    const b = [5, 5, 5, 7, 5, 5, 5, 3];
    const r = wilcoxonSignedRank(a, b);
    expect(r.n).toBe(6);
    expect(r.wPlus).toBe(13.5);
    expect(r.wMinus).toBe(7.5);
    expect(r.z).toBeCloseTo(3 / Math.sqrt(22.5), 10);
    expect(r.p).toBeCloseTo(0.52709, 4);
    // Swapping the samples mirrors the statistic and keeps p.
    const s = wilcoxonSignedRank(b, a);
    expect(s.wPlus).toBe(7.5);
    expect(s.p).toBeCloseTo(r.p, 12);
  });

  it('answers p = 1 when every difference is zero, and rejects unpaired input', () => {
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3])).toMatchObject({ n: 0, p: 1, z: 0, meanDifference: 0 });
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(RangeError);
  });

  it('normal tail: Q(0) = 0.5, Q(1.959964) = 0.025 (standard normal table)', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 6);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(-1.959964)).toBeCloseTo(0.975, 6);
  });
});
