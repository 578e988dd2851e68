// Queries of the 总览 page: the city's indicators for a month, their trend, the case mix,
// flagged cases and early-warning counts. All reads go through the Reader (bound parameters).
import type { Reader } from './core.ts';
import { monthDate } from './paging.ts';

export interface Ratio { num: number; den: number; rate: number | null }
/** `defaultMonth`: the month pages show when none is chosen — the last complete month (a supervisor's
 * monthly review), or the as-of month when it is the only one. */
export interface BuildInfo { asOf: string; asOfMonth: string; builtAt: string | null; months: string[]; defaultMonth: string }

/** The build's as-of date and the months that have indicators (oldest first, 'YYYY-MM'). */
export async function buildInfo(reader: Reader): Promise<BuildInfo> {
  const [info] = await reader.rows<{ as_of: string; built_at: string | null }>('select as_of::varchar as as_of, built_at::varchar as built_at from build_info limit 1');
  const months = await reader.rows<{ m: string }>(
    "select distinct strftime(month, '%Y-%m') as m from mart_indicators where scope = 'city' order by m",
  );
  if (!info) throw new Error('build_info is empty: run "rehandle build"');
  const asOfMonth = info.as_of.slice(0, 7);
  const all = months.map((r) => r.m);
  const defaultMonth = all.filter((m) => m < asOfMonth).at(-1) ?? all.at(-1) ?? asOfMonth;
  return { asOf: info.as_of, asOfMonth, builtAt: info.built_at, months: all, defaultMonth };
}

export interface IndicatorTriple { month: string; partial: boolean; ar: Ratio; otc: Ratio; ots: Ratio; signTimely: Ratio; ext: Ratio; audited: Ratio }

const TRIPLE = `strftime(month, '%Y-%m') as month, partial,
  ar_num, ar_den, ar_rate, otc_num, otc_den, otc_rate, ots_num, ots_den, ots_rate,
  sign_timely_num, sign_timely_den, sign_timely_rate, ext_num, ext_den, ext_rate, audited_num, audited_den, audited_rate`;

type TripleRow = Record<string, number | null> & { month: string; partial: boolean };
function triple(r: TripleRow): IndicatorTriple {
  const ratio = (p: string): Ratio => ({ num: r[`${p}_num`] ?? 0, den: r[`${p}_den`] ?? 0, rate: r[`${p}_rate`] ?? null });
  return {
    month: r.month, partial: Boolean(r.partial), ar: ratio('ar'), otc: ratio('otc'), ots: ratio('ots'),
    signTimely: ratio('sign_timely'), ext: ratio('ext'), audited: ratio('audited'),
  };
}

/** City indicators of the `count` months ending with `month` (oldest first). */
export async function cityTrend(reader: Reader, month: string, count = 12): Promise<IndicatorTriple[]> {
  const rows = await reader.rows<TripleRow>(
    `select ${TRIPLE} from mart_indicators
     where scope = 'city' and month <= $m::date and month > $m::date - to_months($n::integer)
     order by month`,
    { m: monthDate(month), n: count },
  );
  return rows.map(triple);
}

/** One scope × key's indicators for the `count` months ending with `month`. */
export async function scopeTrend(reader: Reader, scope: string, key: string, month: string, count = 24): Promise<IndicatorTriple[]> {
  const rows = await reader.rows<TripleRow>(
    `select ${TRIPLE} from mart_indicators
     where scope = $scope and key = $key and month <= $m::date and month > $m::date - to_months($n::integer)
     order by month`,
    { scope, key, m: monthDate(month), n: count },
  );
  return rows.map(triple);
}

export interface Mix { code: string | null; n: number }

/** Cases dispatched in the month by effective category, and the promise tiers of the re-handled ones. */
export async function caseMix(reader: Reader, month: string): Promise<{ categories: Mix[]; tiers: Mix[] }> {
  const categories = await reader.rows<Mix>(
    `select effective_category as code, count(*) as n from mart_case_lifecycle
     where dispatch_month = $m::date group by all order by n desc`,
    { m: monthDate(month) },
  );
  const tiers = await reader.rows<Mix>(
    `select tier as code, count(*) as n from mart_case_lifecycle
     where dispatch_month = $m::date and effective_category = 'unresolved_reasonable' group by tier
     -- tiers in their natural order (shortest promise first), not by count
     order by coalesce(list_position(['current_month', '2m', '3m', '6m', 'long_term'], tier), 99)`,
    { m: monthDate(month) },
  );
  return { categories, tiers };
}

/** Flagged cases of the month per spot-check category (a case may carry several flags). */
export async function flagCounts(reader: Reader, month: string): Promise<Mix[]> {
  return reader.rows<Mix>(
    `select flag as code, count(distinct case_id) as n from mart_case_flags
     where left(month::varchar, 7) = $m group by all order by n desc`,
    { m: month },
  );
}

/** Early warnings in force at the as-of date, per warning type. */
export async function warningCounts(reader: Reader): Promise<Mix[]> {
  return reader.rows<Mix>('select warning as code, count(*) as n from mart_early_warnings group by all order by n desc');
}
