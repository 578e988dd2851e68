// ECharts option builders: pure functions from query results to option objects, unit-tested
// without a DOM (options.test.ts). Components only pass the result to <Chart>.
import { formatMonth, formatRate, label } from '../../../../pipeline/format.ts';
import { controlChart, funnel, funnelLimits, Z95, Z998, type FunnelInput } from '../stats.ts';

export type Option = Record<string, unknown>;
export interface Ratio { num: number; den: number; rate: number | null }
export interface TrendPoint { month: string; partial: boolean; ar: Ratio; otc: Ratio; ots: Ratio }

export const INDICATORS = [
  { key: 'ar', name: '准确签收率' },
  { key: 'otc', name: '按时联系率' },
  { key: 'ots', name: '按时解决率' },
] as const;
export type IndicatorKey = (typeof INDICATORS)[number]['key'];

const COLORS = ['#2f6fb0', '#d9822b', '#3c9d5d', '#9b59b6', '#c0392b', '#7f8c8d'];
const percentAxis = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } };
const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 10000);

/** X-axis label of a month; the as-of month is partial and says so. */
export function monthLabel(month: string, partial: boolean): string {
  return partial ? `${formatMonth(month)}(部分)` : formatMonth(month);
}

/** The three indicators over months, one line each; a null rate (den 0) is a gap. */
export function trendOption(trend: TrendPoint[]): Option {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => formatRate(v) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: trend.map((t) => monthLabel(t.month, t.partial)) },
    yAxis: percentAxis,
    series: INDICATORS.map((ind) => ({
      name: ind.name, type: 'line', connectNulls: false, symbolSize: 6,
      data: trend.map((t) => pct(t[ind.key].rate)),
    })),
  };
}

/** Counts by code as a horizontal bar chart, codes shown with their Chinese labels. */
export function mixOption(kind: 'category' | 'tier' | 'flag' | 'warning', rows: Array<{ code: string | null; n: number }>): Option {
  const sorted = rows.slice().sort((a, b) => a.n - b.n); // largest bar on top
  return {
    color: COLORS,
    tooltip: { trigger: 'item' },
    grid: { left: 150, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => (r.code === null ? '未签收' : label(kind, r.code))) },
    series: [{ type: 'bar', data: sorted.map((r) => r.n), label: { show: true, position: 'right' } }],
  };
}

export interface FunnelUnit extends FunnelInput { name: string | null }

/**
 * Funnel plot: each unit's rate against its denominator, the city rate, and 95% / 99.8% limits
 * (widened by the between-unit variance τ² when units scatter more than chance; web/STATS.md).
 * `all` gives the city rate and dispersion; `shown` are the units plotted (the filtered ones).
 */
export function funnelOption(all: FunnelUnit[], shown: Set<string> | null, steps = 60): Option {
  const f = funnel(all);
  if (f.p0 === null) return { series: [] };
  const p0 = f.p0;
  const widening = f.overdispersed ? 'tau2' : 'none';
  const maxN = Math.max(...f.points.map((p) => p.den), 10);
  const grid: number[] = [];
  for (let i = 0; i <= steps; i++) grid.push(Math.max(1, Math.round(Math.exp((Math.log(maxN * 1.05) * i) / steps))));
  const ns = [...new Set(grid)];
  const line = (name: string, z: number, side: 'lo' | 'hi', color: string) => ({
    name, type: 'line', showSymbol: false, silent: true, color, lineStyle: { type: 'dashed', width: 1, color },
    data: ns.map((n) => [n, pct(funnelLimits(p0, n, z, widening, f.phi, f.tau2)[side])]),
  });
  const names = new Map(all.map((u) => [u.key, u.name]));
  const point = (p: (typeof f.points)[number]) => ({ value: [p.den, pct(p.rate)], name: p.key, unitName: names.get(p.key) ?? p.key });
  const visible = f.points.filter((p) => !shown || shown.has(p.key));
  return {
    title: { text: f.overdispersed ? `离散度 φ=${f.phi.toFixed(2)}，控制限按 τ²=${f.tau2.toFixed(4)} 放宽` : `离散度 φ=${f.phi.toFixed(2)}（未放宽）`, left: 0, top: 22, textStyle: { fontSize: 11, fontWeight: 'normal', color: '#666' } },
    tooltip: { trigger: 'item', formatter: (p: { data: { value: [number, number]; unitName: string } }) => p.data?.unitName ? `${p.data.unitName}<br/>${formatRate(p.data.value[1])}（n=${p.data.value[0]}）` : '' },
    legend: { type: 'scroll', top: 0, left: 0, right: 0, data: ['单位', '样本不足', '全市', '95% 限', '99.8% 限'] },
    grid: { left: 48, right: 16, top: 48, bottom: 36 },
    xAxis: { type: 'log', name: '分母（件）', nameLocation: 'middle', nameGap: 22, min: 1, max: ns.at(-1) },
    yAxis: percentAxis,
    series: [
      { name: '单位', type: 'scatter', symbolSize: 9, color: '#2f6fb0', data: visible.filter((p) => !p.fewCases).map(point) },
      { name: '样本不足', type: 'scatter', symbolSize: 7, color: '#999999', itemStyle: { color: '#ffffff', borderColor: '#999999', borderWidth: 1 }, data: visible.filter((p) => p.fewCases).map(point) },
      { name: '全市', type: 'line', showSymbol: false, silent: true, color: '#444444', lineStyle: { color: '#444444' }, data: [[1, pct(p0)], [Math.round(maxN * 1.05), pct(p0)]] },
      line('95% 限', Z95, 'lo', '#d9822b'), line('95% 限', Z95, 'hi', '#d9822b'),
      line('99.8% 限', Z998, 'lo', '#c0392b'), line('99.8% 限', Z998, 'hi', '#c0392b'),
    ],
  };
}

/** Funnel position of one unit in words (beside the standard's indicators, never ranking small units). */
export function funnelPosition(p0: number | null, num: number, den: number, opts: { widening: 'none' | 'tau2'; phi: number; tau2: number; minDen: number }): string {
  if (p0 === null || den === 0) return '—';
  if (den < opts.minDen) return '样本不足';
  const rate = num / den;
  const l998 = funnelLimits(p0, den, Z998, opts.widening, opts.phi, opts.tau2);
  const l95 = funnelLimits(p0, den, Z95, opts.widening, opts.phi, opts.tau2);
  if (rate > l998.hi) return '显著高于全市';
  if (rate < l998.lo) return '显著低于全市';
  if (rate > l95.hi) return '高于全市（预警）';
  if (rate < l95.lo) return '低于全市（预警）';
  return '在控制限内';
}

/** A unit's monthly series as a p-chart (Laney p′ when overdispersed): rate, centre, limits. */
export function controlOption(series: Array<{ month: string; partial: boolean; num: number; den: number }>): Option {
  const c = controlChart(series);
  const months = series.map((s) => monthLabel(s.month, s.partial));
  return {
    color: ['#2f6fb0', '#444444', '#c0392b', '#c0392b'],
    title: { text: c.laney ? `Laney p′ 控制图（σz=${c.sigmaZ.toFixed(2)}，限已放宽）` : 'p 控制图（3σ）', left: 0, top: 22, textStyle: { fontSize: 11, fontWeight: 'normal', color: '#666' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => formatRate(v) },
    legend: { type: 'scroll', top: 0, left: 0, right: 0, data: ['比率', '均值', '控制限'] },
    grid: { left: 48, right: 16, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: months },
    yAxis: percentAxis,
    series: [
      { name: '比率', type: 'line', symbolSize: 6, data: c.points.map((p) => pct(p.rate)) },
      { name: '均值', type: 'line', showSymbol: false, silent: true, data: c.points.map(() => pct(c.centre)) },
      { name: '控制限', type: 'line', step: 'middle', showSymbol: false, silent: true, lineStyle: { type: 'dashed' }, data: c.points.map((p) => pct(p.lcl)) },
      { name: '控制限', type: 'line', step: 'middle', showSymbol: false, silent: true, lineStyle: { type: 'dashed' }, data: c.points.map((p) => pct(p.ucl)) },
    ],
  };
}
