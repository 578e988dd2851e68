// Queries of the 单位 pages: every unit's indicators for a month (filterable, sortable, paged),
// the unit's own record, its cases and its early warnings.
import type { Reader } from './core.ts';
import { monthDate, pageOf, whereOf, type Page, type Paging } from './paging.ts';
import { maskText } from './mask.ts';

export interface UnitRow {
  unit_id: string; unit_name: string | null; unit_type: string | null; district: string | null; month: string; partial: boolean;
  ar_num: number; ar_den: number; ar_rate: number | null;
  otc_num: number; otc_den: number; otc_rate: number | null;
  ots_num: number; ots_den: number; ots_rate: number | null;
}

/**
 * Sort keys (URL `s`) → ORDER BY clauses: the allow-list. Sorting by a rate ranks only units with at
 * least `minDen` cases; the others follow, unranked (STATS.md), and null rates come last.
 */
function unitOrder(sort: string | undefined, dir: 'asc' | 'desc', minDen: number): string {
  const rate = /^(ar|otc|ots)$/.exec(sort ?? '')?.[1];
  // minDen is a number from code (not the URL), written as an integer literal
  if (rate) return `(i.${rate}_den < ${Math.max(0, Math.floor(minDen))}), i.${rate}_rate ${dir} nulls last, i.key`;
  const den = /^(ar|otc|ots)_den$/.exec(sort ?? '')?.[1];
  if (den) return `i.${den}_den ${dir}, i.key`;
  return `i.key ${dir}`;
}

export interface UnitFilter { month: string; district?: string; unitType?: string; sort?: string; order?: 'asc' | 'desc'; minDen?: number }

export async function unitIndicators(reader: Reader, f: UnitFilter, paging: Paging): Promise<Page<UnitRow>> {
  const order = unitOrder(f.sort, f.order === 'desc' ? 'desc' : 'asc', f.minDen ?? 0);
  return pageOf<UnitRow>(
    reader,
    `i.key as unit_id, u.unit_name, u.unit_type, u.district, strftime(i.month, '%Y-%m') as month, i.partial,
     i.ar_num, i.ar_den, i.ar_rate, i.otc_num, i.otc_den, i.otc_rate, i.ots_num, i.ots_den, i.ots_rate`,
    `from mart_indicators i left join mart_units u on u.unit_id = i.key
     where i.scope = 'unit' and i.month = $m::date
       and ($d = '' or u.district = $d) and ($t = '' or u.unit_type = $t)`,
    order,
    { m: monthDate(f.month), d: f.district ?? '', t: f.unitType ?? '' },
    paging,
  );
}

/** Districts present in the units table (for the filter's choices). */
export async function districts(reader: Reader): Promise<string[]> {
  const rows = await reader.rows<{ d: string }>('select distinct district as d from mart_units where district is not null order by d');
  return rows.map((r) => r.d);
}

export interface Unit { unit_id: string; unit_name: string | null; unit_type: string | null; district: string | null }

export async function unit(reader: Reader, unitId: string): Promise<Unit | null> {
  const [u] = await reader.rows<Unit>(
    `select $u as unit_id, m.unit_name, m.unit_type, m.district
     from (select 1) left join mart_units m on m.unit_id = $u`,
    { u: unitId },
  );
  const [seen] = await reader.rows<{ n: number }>(
    "select count(*) as n from mart_indicators where scope = 'unit' and key = $u", { u: unitId },
  );
  return u.unit_name !== null || seen.n > 0 ? u : null;
}

export interface CaseFilter { unitId?: string; month?: string; category?: string; tier?: string; status?: string; flag?: string }
export interface CaseRow {
  case_id: string; unit_id: string; dispatch_month: string | null; dispatched_at: string | null; signed_at: string | null;
  effective_category: string | null; tier: string | null; due_used: string | null; working_due: string | null;
  status: string | null; resolved_at: string | null; valid_contact_count: number; extension_requests: number;
  topic_l2: string | null; content: string | null; flags: string | null;
}

/** Lifecycle cases, filtered; `flags` is the comma-joined list of the case's flags. */
export async function cases(reader: Reader, f: CaseFilter, paging: Paging): Promise<Page<CaseRow>> {
  // Only the filters that are set enter the SQL: an `$x = '' or …` guard around a subquery
  // keeps DuckDB from planning it as a join.
  const { where, params } = whereOf({
    u: [f.unitId, 'c.unit_id = $u'],
    m: [monthDate(f.month), 'c.dispatch_month = $m::date'],
    c: [f.category, 'c.effective_category = $c'],
    r: [f.tier, 'c.tier = $r'],
    st: [f.status, 'c.status = $st'],
    f: [f.flag, 'c.case_id in (select case_id from mart_case_flags where flag = $f)'],
  });
  const order = 'dispatched_at desc nulls last, case_id';
  const page = await pageOf<CaseRow>(
    reader,
    `c.case_id, c.unit_id, strftime(c.dispatch_month, '%Y-%m') as dispatch_month, c.dispatched_at, c.signed_at,
     c.effective_category, c.tier, c.due_used, c.working_due, c.status, c.resolved_at, c.valid_contact_count,
     c.extension_requests, c.topic_l2, left(c.content, 60) as content`,
    `from mart_case_lifecycle c ${where}`,
    `c.${order.replace(', ', ', c.')}`,
    params,
    paging,
    // flags of the page's cases only
    (pageSql) => `with page as (${pageSql}),
      fl as (select case_id, string_agg(flag, ',' order by flag) as flags from mart_case_flags
             where case_id in (select case_id from page) group by case_id)
      select page.*, fl.flags from page left join fl using (case_id) order by ${order}`,
  );
  for (const r of page.rows) r.content = maskText(r.content);
  return page;
}
