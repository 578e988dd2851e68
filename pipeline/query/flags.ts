// Queries of the 抽查 page (SPEC §5): the flagged cases of a month, one row per case with all its
// flags and reasons — the auditors' list. Same case set as `rehandle flags --month M`
// (indicators.ts), filterable by flag, unit and the unit's district, server-paged.
import type { Reader } from './core.ts';
import { monthDate, pageOf, whereOf, type Page, type Paging } from './paging.ts';
import { maskText } from './mask.ts';

export interface FlagFilter { month?: string; flag?: string; unitId?: string; district?: string }
export interface FlaggedCaseRow {
  month: string; case_id: string; unit_id: string | null; unit_name: string | null; district: string | null;
  dispatched_at: string | null; effective_category: string | null; status: string | null; topic_l2: string | null;
  content: string | null; flags: string | null; reasons: string | null;
}

/**
 * Cases with at least one flag in the month (with `flag`: the cases carrying that flag — the bar
 * of the overview's chart). `flags` is the comma-joined list of all the case's flags in SPEC §5
 * order, `reasons` their reasons joined by '；' (joined to the page's rows only).
 */
export async function flaggedCases(reader: Reader, f: FlagFilter, paging: Paging): Promise<Page<FlaggedCaseRow>> {
  const inner = whereOf({
    m: [monthDate(f.month), 'month = $m::date'],
    f: [f.flag, 'flag = $f'],
    u: [f.unitId, 'unit_id = $u'],
  });
  const outer = whereOf({ d: [f.district, 'u.district = $d'] });
  const order = 'month, case_id';
  const page = await pageOf<FlaggedCaseRow>(
    reader,
    `strftime(g.month, '%Y-%m') as month, g.case_id, g.unit_id, u.unit_name, u.district, c.dispatched_at,
     c.effective_category, c.status, c.topic_l2, left(c.content, 60) as content`,
    `from (select distinct case_id, unit_id, month from mart_case_flags ${inner.where}) g
     left join mart_units u on u.unit_id = g.unit_id
     left join mart_case_lifecycle c on c.case_id = g.case_id
     ${outer.where}`,
    'g.month, g.case_id',
    { ...inner.params, ...outer.params },
    paging,
    (pageSql) => `with page as (${pageSql}),
      fl as (select case_id, string_agg(flag, ',' order by flag_order, flag) as flags,
                    string_agg(reason, '；' order by flag_order, flag) as reasons
             from mart_case_flags where case_id in (select case_id from page) group by case_id)
      select page.*, fl.flags, fl.reasons from page left join fl using (case_id) order by ${order}`,
  );
  for (const r of page.rows) r.content = maskText(r.content);
  return page;
}
