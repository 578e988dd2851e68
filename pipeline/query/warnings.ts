// Queries of the 预警 page (SPEC §7): early warnings in force at the as-of date, by unit.
import type { Reader } from './core.ts';
import { pageOf, whereOf, type Page, type Paging } from './paging.ts';

export interface WarningRow { warning: string; case_id: string; unit_id: string; unit_name: string | null; due_date: string | null; detail: string | null }

export async function warnings(reader: Reader, f: { warning?: string; unitId?: string }, paging: Paging): Promise<Page<WarningRow>> {
  const { where, params } = whereOf({ w: [f.warning, 'w.warning = $w'], u: [f.unitId, 'w.unit_id = $u'] });
  return pageOf<WarningRow>(
    reader,
    'w.warning, w.case_id, w.unit_id, u.unit_name, w.due_date, w.detail',
    `from mart_early_warnings w left join mart_units u on u.unit_id = w.unit_id ${where}`,
    'w.unit_id, w.warning, w.due_date nulls last, w.case_id',
    params,
    paging,
  );
}

export interface WarningsByUnit { unit_id: string; unit_name: string | null; total: number; counts: Record<string, number> }

/** Per unit, how many cases carry each warning (most warnings first). */
export async function warningsByUnit(reader: Reader, f: { warning?: string }): Promise<WarningsByUnit[]> {
  const rows = await reader.rows<{ unit_id: string; unit_name: string | null; warning: string; n: number }>(
    `select w.unit_id, any_value(u.unit_name) as unit_name, w.warning, count(*) as n
     from mart_early_warnings w left join mart_units u on u.unit_id = w.unit_id
     where ($w = '' or w.warning = $w) group by w.unit_id, w.warning`,
    { w: f.warning ?? '' },
  );
  const byUnit = new Map<string, WarningsByUnit>();
  for (const r of rows) {
    const u = byUnit.get(r.unit_id) ?? { unit_id: r.unit_id, unit_name: r.unit_name, total: 0, counts: {} };
    u.counts[r.warning] = r.n;
    u.total += r.n;
    byUnit.set(r.unit_id, u);
  }
  return [...byUnit.values()].sort((a, b) => b.total - a.total || a.unit_id.localeCompare(b.unit_id));
}
