// The dashboard's query functions against the hand-made fixture warehouse (real DuckDB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReader, type Reader } from '../../pipeline/query/core.ts';
import { buildInfo, caseMix, cityTrend, flagCounts, warningCounts } from '../../pipeline/query/overview.ts';
import { cases, unit, unitIndicators } from '../../pipeline/query/units.ts';
import { caseDetail } from '../../pipeline/query/cases.ts';
import { warnings, warningsByUnit } from '../../pipeline/query/warnings.ts';
import { rejectRows } from '../../pipeline/query/datahealth.ts';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFixtureDb } from './fixture.ts';

let reader: Reader;
beforeAll(async () => { reader = createReader(await makeFixtureDb()); });
afterAll(() => {
  reader?.close();
  if (reader) rmSync(dirname(reader.dbPath), { recursive: true, force: true });
});

describe('overview queries', () => {
  it('as-of and months', async () => {
    expect(await buildInfo(reader)).toMatchObject({ asOf: '2025-03-15', asOfMonth: '2025-03', months: ['2025-02', '2025-03'], defaultMonth: '2025-02' });
  });
  it('city trend sums the units', async () => {
    const t = await cityTrend(reader, '2025-03');
    // Feb: ar 8+18+1 = 27 / 10+20+1 = 31; Mar: ar 9+15 = 24 / 30 = .8, partial
    expect(t.map((r) => [r.month, r.ar.num, r.ar.den, r.partial])).toEqual([['2025-02', 27, 31, false], ['2025-03', 24, 30, true]]);
    expect(t[1].ar.rate).toBeCloseTo(0.8, 12);
    expect(await cityTrend(reader, '2025-02', 1)).toHaveLength(1);
  });
  it('mix, flags, warnings', async () => {
    const mix = await caseMix(reader, '2025-03');
    // March dispatches: C1 unresolved_reasonable (2m), C2 resolved_at_sign, C4 unsigned (no category)
    expect(mix.categories).toHaveLength(3);
    expect(mix.tiers).toEqual([{ code: '2m', n: 1 }]);
    // C1 carries two flags, C2 one
    expect(await flagCounts(reader, '2025-03')).toHaveLength(3);
    expect((await warningCounts(reader)).reduce((s, r) => s + r.n, 0)).toBe(2);
  });
});

describe('unit queries', () => {
  it('filter, sort and page', async () => {
    const all = await unitIndicators(reader, { month: '2025-03' }, {});
    expect(all.rows.map((r) => r.unit_id)).toEqual(['U1', 'U2', 'U3']);
    const gulou = await unitIndicators(reader, { month: '2025-03', district: '鼓楼区', sort: 'ar', order: 'desc' }, {});
    // U1 .9, U3 has no cases (rate null → last)
    expect(gulou.rows.map((r) => r.unit_id)).toEqual(['U1', 'U3']);
    const paged = await unitIndicators(reader, { month: '2025-03', sort: 'ar', order: 'asc' }, { page: 2, pageSize: 1 });
    // ascending rates: U2 .75, U1 .9, U3 null
    expect(paged).toMatchObject({ total: 3, page: 2, rows: [{ unit_id: 'U1' }] });
    // with at least 20 cases required to be ranked, U1 (10 cases) follows U2 (20) even sorted descending
    const ranked = await unitIndicators(reader, { month: '2025-03', sort: 'ar', order: 'desc', minDen: 20 }, {});
    expect(ranked.rows.map((r) => r.unit_id)).toEqual(['U2', 'U1', 'U3']);
    const byDen = await unitIndicators(reader, { month: '2025-03', sort: 'ar_den', order: 'desc' }, {});
    expect(byDen.rows.map((r) => r.unit_id)).toEqual(['U2', 'U1', 'U3']); // 20, 10, 0
    const hostile = await unitIndicators(reader, { month: '2025-03', sort: '1; drop table mart_units' }, {});
    expect(hostile.rows).toHaveLength(3);
  });
  it('a unit and its cases', async () => {
    expect(await unit(reader, 'U2')).toMatchObject({ unit_name: '玄武区城管局' });
    expect(await unit(reader, 'nope')).toBeNull();
    const c = await cases(reader, { unitId: 'U1' }, {});
    expect(c.rows.map((r) => r.case_id)).toEqual(['C4', 'C2', 'C1']); // newest dispatch first
    expect(c.rows.find((r) => r.case_id === 'C1')!.content).toBe('楼下夜间施工噪声，电话138****1234');
    expect((await cases(reader, { unitId: 'U1', flag: 'violation_repeat' }, {})).rows.map((r) => r.case_id)).toEqual(['C1']);
    expect((await cases(reader, { unitId: 'U1', status: 'unsigned', month: '2025-03' }, {})).total).toBe(1);
    expect((await cases(reader, { unitId: 'U1', month: '2025-02' }, {})).total).toBe(0);
  });
});

describe('case detail', () => {
  it('masks personal data and hides events after the as-of date', async () => {
    const d = (await caseDetail(reader, 'C1'))!;
    expect(d.person).toEqual({ caller_name: '张*', caller_phone: '138****1234', address: '中山路***' });
    expect(JSON.stringify(d)).not.toContain('13812341234');
    expect(d.events.map((e) => e.event_id)).toEqual(['E1', 'E2']); // E3 on 03-20 is after as-of 03-15
    expect(d.repeats).toEqual([{ role: 'repeat', case_id: 'C4', days_between: 9, topic_l2: '噪声扰民' }]);
    expect(d.flags.map((f) => f.flag)).toEqual(['reasonable_repeat', 'violation_repeat']);
    expect(await caseDetail(reader, 'C404')).toBeNull();
  });
});

describe('warnings and rejects', () => {
  it('lists', async () => {
    expect((await warnings(reader, { warning: 'contact_due' }, {})).rows).toEqual([
      { warning: 'contact_due', case_id: 'C1', unit_id: 'U1', unit_name: '宁海路街道', due_date: '2025-03-31', detail: '本月尚未联系诉求人' },
    ]);
    expect(await warningsByUnit(reader, {})).toEqual([{ unit_id: 'U1', unit_name: '宁海路街道', total: 2, counts: { unsigned_overdue: 1, contact_due: 1 } }]);
    expect((await rejectRows(reader, {})).rows[0].value).toBe('139****5678');
  });
});
