// Statistics for comparing units fairly (see web/STATS.md): Wilson intervals, funnel-plot limits
// with overdispersion (φ and DerSimonian–Laird τ²), and p-chart / Laney p′ control limits.
// Pure functions over {num, den}; rates with den 0 are null and take no part.

export const Z95 = 1.96;
export const Z998 = 3.09;
/** Units (or months) with fewer cases than this are plotted but marked, never ranked. */
export const MIN_DEN = 10;

export interface Interval { lo: number; hi: number }

/** Wilson score interval of num/den; null when den is 0. */
export function wilson(num: number, den: number, z = Z95): Interval | null {
  if (den <= 0) return null;
  const p = num / den;
  const z2 = z * z;
  const centre = p + z2 / (2 * den);
  const half = z * Math.sqrt((p * (1 - p)) / den + z2 / (4 * den * den));
  const scale = 1 + z2 / den;
  return { lo: Math.max(0, (centre - half) / scale), hi: Math.min(1, (centre + half) / scale) };
}

/** Replace the lowest and highest floor(share·k) values by their nearest kept neighbour (order kept). */
export function winsorize(values: number[], share = 0.1): number[] {
  const k = values.length;
  const g = Math.floor(share * k);
  if (g === 0) return values.slice();
  const sorted = values.slice().sort((a, b) => a - b);
  const low = sorted[g];
  const high = sorted[k - 1 - g];
  return values.map((v) => Math.min(high, Math.max(low, v)));
}

export interface FunnelInput { key: string; num: number; den: number }
export interface FunnelPoint extends FunnelInput { rate: number; z: number | null; fewCases: boolean }
export interface Funnel {
  /** Pooled (city) rate: Σnum / Σden over units with den > 0. */
  p0: number | null;
  points: FunnelPoint[];
  /** Dispersion: mean squared 10%-winsorised z-score (1 = binomial scatter). */
  phi: number;
  /** Between-unit variance (DerSimonian–Laird on the winsorised z-scores); 0 when not overdispersed. */
  tau2: number;
  overdispersed: boolean;
}

/** Funnel-plot statistics of units' rates against the pooled rate (Spiegelhalter 2005, 2012). */
export function funnel(units: FunnelInput[], minDen = MIN_DEN): Funnel {
  const used = units.filter((u) => u.den > 0);
  const sumNum = used.reduce((s, u) => s + u.num, 0);
  const sumDen = used.reduce((s, u) => s + u.den, 0);
  if (sumDen === 0) return { p0: null, points: [], phi: 1, tau2: 0, overdispersed: false };
  const p0 = sumNum / sumDen;
  const v0 = p0 * (1 - p0);
  const points: FunnelPoint[] = used.map((u) => ({
    ...u,
    rate: u.num / u.den,
    z: v0 > 0 ? (u.num / u.den - p0) / Math.sqrt(v0 / u.den) : null,
    fewCases: u.den < minDen,
  }));
  // Dispersion is estimated from the units with enough cases; tiny units would dominate it.
  const scored = points.filter((p) => p.z !== null && !p.fewCases);
  const k = scored.length;
  if (k < 2) return { p0, points, phi: 1, tau2: 0, overdispersed: false };
  const zw = winsorize(scored.map((p) => p.z as number));
  const phi = zw.reduce((s, z) => s + z * z, 0) / k;
  const w = scored.map((p) => p.den / v0); // 1 / s², s² = p0(1−p0)/n
  const sw = w.reduce((s, x) => s + x, 0);
  const sw2 = w.reduce((s, x) => s + x * x, 0);
  const tau2 = k * phi > k - 1 ? (k * phi - (k - 1)) / (sw - sw2 / sw) : 0;
  return { p0, points, phi, tau2, overdispersed: phi > 1 && tau2 > 0 };
}

export type Widening = 'none' | 'phi' | 'tau2';

/** Funnel limit at denominator n: p0 ± z·√(p0(1−p0)/n) widened by φ (×) or τ² (+); clipped to [0,1]. */
export function funnelLimits(p0: number, n: number, z: number, widening: Widening = 'none', phi = 1, tau2 = 0): Interval {
  let variance = (p0 * (1 - p0)) / n;
  if (widening === 'phi') variance *= Math.max(1, phi);
  if (widening === 'tau2') variance += tau2;
  const half = z * Math.sqrt(variance);
  return { lo: Math.max(0, p0 - half), hi: Math.min(1, p0 + half) };
}

export interface ControlPoint { month: string; num: number; den: number; rate: number | null; lcl: number | null; ucl: number | null }
export interface ControlChart { centre: number | null; sigmaZ: number; laney: boolean; points: ControlPoint[] }

/**
 * p-chart of a monthly series: p̄ ± 3·√(p̄(1−p̄)/nₜ). When the z-scores scatter more than chance
 * (σz = mean moving range of z / 1.128 > 1), Laney's p′ limits p̄ ± 3·σₚₜ·σz are used instead.
 */
export function controlChart(series: Array<{ month: string; num: number; den: number }>): ControlChart {
  const used = series.filter((s) => s.den > 0);
  const sumDen = used.reduce((s, x) => s + x.den, 0);
  if (sumDen === 0) {
    return { centre: null, sigmaZ: 1, laney: false, points: series.map((s) => ({ ...s, rate: null, lcl: null, ucl: null })) };
  }
  const pbar = used.reduce((s, x) => s + x.num, 0) / sumDen;
  const sigma = (n: number) => Math.sqrt((pbar * (1 - pbar)) / n);
  let sigmaZ = 1;
  if (used.length >= 3 && pbar > 0 && pbar < 1) {
    const z = used.map((s) => (s.num / s.den - pbar) / sigma(s.den));
    let ranges = 0;
    for (let i = 1; i < z.length; i++) ranges += Math.abs(z[i] - z[i - 1]);
    sigmaZ = ranges / (z.length - 1) / 1.128;
  }
  const laney = sigmaZ > 1;
  const scale = laney ? sigmaZ : 1;
  const points = series.map((s) => {
    if (s.den <= 0) return { ...s, rate: null, lcl: null, ucl: null };
    const half = 3 * sigma(s.den) * scale;
    return { ...s, rate: s.num / s.den, lcl: Math.max(0, pbar - half), ucl: Math.min(1, pbar + half) };
  });
  return { centre: pbar, sigmaZ, laney, points };
}
