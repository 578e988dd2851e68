// SPEC §8 JSON contracts of `indicators`, `flags` and `rejects`: reads of the marts through a Reader,
// bound parameters only. Month arguments are 'YYYY-MM'; a mart month is a date (first of the month).
import { UserError } from '../errors.ts';
import { parseMonthArg } from '../time.ts';
import type { Reader } from './core.ts';

export type Scope = 'unit' | 'district' | 'unit_type' | 'city';
export const SCOPES: readonly Scope[] = ['unit', 'district', 'unit_type', 'city'];

export interface Ratio {
  num: number;
  den: number;
  rate: number | null;
}

export interface IndicatorRow {
  month: string;
  scope: Scope;
  key: string;
  accurate_receipt: Ratio;
  on_time_contact: Ratio;
  on_time_solving: Ratio;
}

export interface FlagRow {
  case_id: string;
  unit_id: string | null;
  month: string | null;
  flags: string[];
  reasons: string[];
}

export interface RejectRow {
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

function monthParam(month: string | undefined): string | null {
  if (month === undefined) return null;
  if (!parseMonthArg(month)) throw new UserError(`月份格式错误 / --month must be YYYY-MM, got "${month}"`);
  return month;
}

/** Run a mart query; a database that was never built gets a one-line hint instead of a catalog error. */
async function martRows<T>(reader: Reader, sql: string, params: unknown[]): Promise<T[]> {
  try {
    return await reader.rows<T>(sql, params);
  } catch (e) {
    if (/Catalog Error: Table with name (mart_|build_)/.test((e as Error).message)) {
      throw new UserError('尚未计算指标 / models not built yet: run "rehandle build" first');
    }
    throw e;
  }
}

const ratio = (num: number, den: number): Ratio => ({ num, den, rate: den === 0 ? null : num / den });

export async function indicators(reader: Reader, opts: { month?: string; by: Scope }): Promise<IndicatorRow[]> {
  if (!SCOPES.includes(opts.by)) throw new UserError(`--by must be one of ${SCOPES.join(' | ')}, got "${opts.by}"`);
  const rows = await martRows<{
    month: string; key: string; ar_num: number; ar_den: number; otc_num: number; otc_den: number; ots_num: number; ots_den: number;
  }>(
    reader,
    `select strftime(month, '%Y-%m') as month, key, ar_num, ar_den, otc_num, otc_den, ots_num, ots_den
     from mart_indicators
     where scope = ? and (?::varchar is null or strftime(month, '%Y-%m') = ?::varchar)
     order by month, key`,
    [opts.by, monthParam(opts.month), monthParam(opts.month)],
  );
  // The rate is recomputed from num/den here so it is exactly the JS double num/den (SPEC §8).
  return rows.map((r) => ({
    month: r.month,
    scope: opts.by,
    key: r.key,
    accurate_receipt: ratio(r.ar_num, r.ar_den),
    on_time_contact: ratio(r.otc_num, r.otc_den),
    on_time_solving: ratio(r.ots_num, r.ots_den),
  }));
}

export async function flags(reader: Reader, opts: { month?: string }): Promise<FlagRow[]> {
  const month = monthParam(opts.month);
  return martRows<FlagRow>(
    reader,
    `select case_id, any_value(unit_id) as unit_id, strftime(any_value(month), '%Y-%m') as month,
       list(flag order by flag_order) as flags, list(reason order by flag_order) as reasons
     from mart_case_flags
     where ?::varchar is null or strftime(month, '%Y-%m') = ?::varchar
     group by case_id
     order by month nulls last, case_id`,
    [month, month],
  );
}

export async function rejects(reader: Reader): Promise<RejectRow[]> {
  return reader.rows<RejectRow>(
    `select file, line, "column", value, reason
     from rejects
     order by load_id, line, "column"`,
  );
}
