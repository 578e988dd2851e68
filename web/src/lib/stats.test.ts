import { describe, expect, it } from 'vitest';
import { controlChart, funnel, funnelLimits, wilson, winsorize, Z95, Z998 } from './stats.ts';

describe('wilson', () => {
  it('8/10 at 95%', () => {
    // p = .8, z² = 3.8416; centre = .8 + 3.8416/20 = .99208; half = 1.96·√(.016 + 3.8416/400) = 1.96·√.025604 = .313624
    // scale = 1 + .38416 = 1.38416 → lo = .678456/1.38416 = .490157, hi = 1.305704/1.38416 = .943319
    const w = wilson(8, 10)!;
    expect(w.lo).toBeCloseTo(0.490157, 5);
    expect(w.hi).toBeCloseTo(0.943319, 5);
  });
  it('0/5: lower bound 0, upper 3.8416/(5+3.8416) = .434482', () => {
    // p = 0: centre = z²/2n = .38416, half = 1.96·√(3.8416/100) = .38416, scale = 1.76832
    const w = wilson(0, 5)!;
    expect(w.lo).toBeCloseTo(0, 9);
    expect(w.hi).toBeCloseTo(0.768320 / 1.76832, 6);
  });
  it('den 0 is null', () => expect(wilson(0, 0)).toBeNull());
});

describe('winsorize', () => {
  it('10 values: the lowest and highest one take their neighbours', () => {
    expect(winsorize([5, 1, 3, 2, 4, 10, 6, 7, 8, 9])).toEqual([5, 2, 3, 2, 4, 9, 6, 7, 8, 9]);
  });
  it('fewer than 10 values: unchanged', () => expect(winsorize([3, -9, 4])).toEqual([3, -9, 4]));
});

describe('funnel', () => {
  // A 10/20, B 30/40, C 20/40, D 60/100: p0 = 120/200 = .6, p0(1−p0) = .24
  // z: A −.1/√.012 = −.912871, B .15/√.006 = 1.936492, C −.1/√.006 = −1.290994, D 0
  // z²: .833333 + 3.75 + 1.666667 + 0 = 6.25 → φ = 6.25/4 = 1.5625 (k = 4: nothing winsorised)
  // w = n/.24: 83.3333, 166.6667, 166.6667, 416.6667; Σw = 833.3333; Σw² = 236111.11; Σw²/Σw = 283.3333
  // τ² = (4·1.5625 − 3)/(833.3333 − 283.3333) = 3.25/550 = .00590909
  const f = funnel([
    { key: 'A', num: 10, den: 20 }, { key: 'B', num: 30, den: 40 }, { key: 'C', num: 20, den: 40 }, { key: 'D', num: 60, den: 100 },
    { key: 'E', num: 0, den: 0 },
  ]);
  it('pooled rate, z-scores, φ and τ²', () => {
    expect(f.p0).toBeCloseTo(0.6, 12);
    expect(f.points.map((p) => p.key)).toEqual(['A', 'B', 'C', 'D']);
    expect(f.points[0].z).toBeCloseTo(-0.912871, 5);
    expect(f.points[1].z).toBeCloseTo(1.936492, 5);
    expect(f.phi).toBeCloseTo(1.5625, 9);
    expect(f.tau2).toBeCloseTo(0.00590909, 7);
    expect(f.overdispersed).toBe(true);
  });
  it('limits at n = 50', () => {
    // plain 99.8%: .6 ± 3.09·√(.24/50) = .6 ± 3.09·.069282 = .6 ± .214081
    const plain = funnelLimits(0.6, 50, Z998);
    expect(plain.lo).toBeCloseTo(0.385919, 5);
    expect(plain.hi).toBeCloseTo(0.814081, 5);
    // φ: .6 ± 1.96·√(1.5625·.0048) = .6 ± 1.96·.0866025 = .6 ± .169741
    expect(funnelLimits(0.6, 50, Z95, 'phi', f.phi).hi).toBeCloseTo(0.769741, 5);
    // τ²: .6 ± 1.96·√(.0048 + .00590909) = .6 ± 1.96·.1034848 = .6 ± .202830
    const t = funnelLimits(0.6, 50, Z95, 'tau2', f.phi, f.tau2);
    expect(t.lo).toBeCloseTo(0.397170, 5);
    expect(t.hi).toBeCloseTo(0.802830, 5);
  });
  it('units under the minimum are marked and left out of φ', () => {
    // only B (30/40) and D (60/100) have ≥ 50 cases: p0 over all four is still .6
    const g = funnel([{ key: 'A', num: 10, den: 20 }, { key: 'B', num: 30, den: 40 }, { key: 'C', num: 20, den: 40 }, { key: 'D', num: 60, den: 100 }], 41);
    expect(g.points.filter((p) => p.fewCases).map((p) => p.key)).toEqual(['A', 'B', 'C']);
    // one unit scored (D) → fewer than 2: no dispersion estimate
    expect(g.phi).toBe(1);
    expect(g.tau2).toBe(0);
  });
  it('no scatter beyond chance: τ² = 0', () => {
    // 5/10, 50/100: p0 = 55/110 = .5, both z = 0 → φ = 0 < 1
    const g = funnel([{ key: 'A', num: 5, den: 10 }, { key: 'B', num: 50, den: 100 }]);
    expect(g.phi).toBe(0);
    expect(g.tau2).toBe(0);
    expect(g.overdispersed).toBe(false);
  });
});

describe('controlChart', () => {
  it('p-chart and Laney p′', () => {
    // 8/10, 6/10, 9/10, 5/10: p̄ = 28/40 = .7, σ = √(.21/10) = .1449138
    // z = .690066, −.690066, 1.380131, −1.380131; moving ranges 1.380131, 2.070197, 2.760262; mean 2.070197
    // σz = 2.070197/1.128 = 1.835281 > 1 → Laney: half = 3·.1449138·1.835281 = .797872 → [0, 1] after clipping
    const c = controlChart([
      { month: '2025-01', num: 8, den: 10 }, { month: '2025-02', num: 6, den: 10 }, { month: '2025-03', num: 9, den: 10 }, { month: '2025-04', num: 5, den: 10 },
    ]);
    expect(c.centre).toBeCloseTo(0.7, 12);
    expect(c.sigmaZ).toBeCloseTo(1.835281, 5);
    expect(c.laney).toBe(true);
    expect(c.points[0].lcl).toBe(0);
    expect(c.points[0].ucl).toBe(1);
  });
  it('plain p-chart when the months scatter less than chance', () => {
    // 70/100, 71/100, 69/100, 70/100 and a month with no cases: p̄ = 280/400 = .7, σ = √(.21/100) = .0458258
    // z = 0, .218218, −.218218, 0; moving ranges .218218, .436436, .218218 (mean .872872/3 = .290957) → σz = .290957/1.128 = .257941 < 1
    // limits .7 ± 3·.0458258 = .7 ± .137477 → .562523, .837477
    const c = controlChart([
      { month: '2025-01', num: 70, den: 100 }, { month: '2025-02', num: 71, den: 100 }, { month: '2025-03', num: 0, den: 0 },
      { month: '2025-04', num: 69, den: 100 }, { month: '2025-05', num: 70, den: 100 },
    ]);
    expect(c.laney).toBe(false);
    expect(c.sigmaZ).toBeCloseTo(0.257941, 5);
    expect(c.points[0].lcl).toBeCloseTo(0.562523, 5);
    expect(c.points[0].ucl).toBeCloseTo(0.837477, 5);
    expect(c.points[2]).toMatchObject({ rate: null, lcl: null, ucl: null });
  });
});
