import { describe, expect, it } from 'vitest';
import { controlOption, funnelOption, funnelPosition, mixOption, trendOption } from './options.ts';

type Series = { name: string; data: unknown[] };
const r = (num: number, den: number) => ({ num, den, rate: den ? num / den : null });

describe('trendOption', () => {
  it('one line per indicator, rates as fractions, gaps for den 0, partial month labelled', () => {
    const o = trendOption([
      { month: '2025-02', partial: false, ar: r(27, 31), otc: r(3, 4), ots: r(3, 4) },
      { month: '2025-03', partial: true, ar: r(24, 30), otc: r(3, 6), ots: r(0, 0) },
    ]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['2025年2月', '2025年3月(部分)']);
    const s = o.series as Series[];
    expect(s.map((x) => x.name)).toEqual(['准确签收率', '按时联系率', '按时解决率']);
    // 27/31 = .870968 → .871 (4 decimals kept: .8710); 24/30 = .8; 3/6 = .5; 0/0 → null
    expect(s[0].data).toEqual([0.871, 0.8]);
    expect(s[1].data).toEqual([0.75, 0.5]);
    expect(s[2].data).toEqual([0.75, null]);
  });
});

describe('mixOption', () => {
  it('labels codes in Chinese, largest on top, unsigned for null', () => {
    const o = mixOption('category', [{ code: 'one_time', n: 5 }, { code: null, n: 1 }, { code: 'unreasonable', n: 3 }]);
    expect((o.yAxis as { data: string[] }).data).toEqual(['未签收', '不合理诉求', '一次性投诉']);
    expect((o.series as Series[])[0].data).toEqual([1, 3, 5]);
  });
});

describe('funnelOption', () => {
  const units = [
    { key: 'A', name: '甲', num: 10, den: 20 }, { key: 'B', name: '乙', num: 30, den: 40 },
    { key: 'C', name: '丙', num: 20, den: 40 }, { key: 'D', name: '丁', num: 60, den: 100 }, { key: 'E', name: '戊', num: 2, den: 4 },
  ];
  it('points, city line and τ²-widened limits', () => {
    // p0 = 122/204 = .598039; E (4 cases) is marked, not scored
    const o = funnelOption(units, null);
    const s = o.series as Series[];
    expect((s[0].data as Array<{ name: string }>).map((p) => p.name)).toEqual(['A', 'B', 'C', 'D']);
    expect((s[1].data as Array<{ name: string; value: number[] }>)).toMatchObject([{ name: 'E', value: [4, 0.5] }]);
    expect((s[2].data as number[][])[0][1]).toBeCloseTo(0.598, 3);
    // each limit line starts at n = 1 and is clipped to [0, 1]: the 99.8% lower limit at n = 1 is 0
    expect((s[5].data as number[][])[0]).toEqual([1, 0]);
    expect(s.map((x) => x.name)).toEqual(['单位', '样本不足', '全市', '95% 限', '95% 限', '99.8% 限', '99.8% 限']);
  });
  it('only the filtered units are plotted, limits still from all', () => {
    const o = funnelOption(units, new Set(['B']));
    const s = o.series as Series[];
    expect((s[0].data as Array<{ name: string }>).map((p) => p.name)).toEqual(['B']);
    expect((s[2].data as number[][])[0][1]).toBeCloseTo(0.598, 3);
  });
  it('no cases at all: empty', () => expect(funnelOption([{ key: 'A', name: null, num: 0, den: 0 }], null)).toEqual({ series: [] }));
});

describe('funnelPosition', () => {
  const opts = { widening: 'none' as const, phi: 1, tau2: 0, minDen: 10 };
  // p0 = .6, n = 50: 95% .6 ± .133041 (1.96·.069282) → [.466959, .733041]; 99.8% [.385919, .814081]
  it.each([
    [30, 50, '在控制限内'], // .60
    [37, 50, '高于全市（预警）'], // .74 > .733041
    [41, 50, '显著高于全市'], // .82 > .814081
    [23, 50, '低于全市（预警）'], // .46 < .466959
    [19, 50, '显著低于全市'], // .38 < .385919
    [1, 5, '样本不足'],
    [0, 0, '—'],
  ])('%i/%i → %s', (num, den, want) => expect(funnelPosition(0.6, num, den, opts)).toBe(want));
});

describe('controlOption', () => {
  it('plain p-chart limits per month', () => {
    // 70/100, 71/100, 69/100, 70/100: p̄ = .7, σz < 1 → limits .7 ± 3·√(.0021) = .7 ± .137477
    const o = controlOption(['2025-01', '2025-02', '2025-03', '2025-04'].map((month, i) => ({ month, partial: i === 3, num: [70, 71, 69, 70][i], den: 100 })));
    const s = o.series as Series[];
    expect(s[0].data).toEqual([0.7, 0.71, 0.69, 0.7]);
    expect(s[1].data).toEqual([0.7, 0.7, 0.7, 0.7]);
    expect(s[2].data[0]).toBeCloseTo(0.5625, 4);
    expect(s[3].data[0]).toBeCloseTo(0.8375, 4);
    expect((o.title as { text: string }).text).toBe('p 控制图（3σ）');
  });
});
