// The dashboard's views (web/src/lib/server/views.ts) against the fixture warehouse: the tables
// added to the export list (timeline, findings, warning counts, warned units, flagged cases), each
// read the way the page reads it (a page) and the way its export does (pageSize 0: all rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createReader, type Reader } from '../../pipeline/query/core.ts';
import { flaggedCases } from '../../pipeline/query/flags.ts';
import { VIEWS } from '../../web/src/lib/server/views.ts';
import { toCsv } from '../../web/src/lib/server/export.ts';
import { makeFixtureDb } from './fixture.ts';

let reader: Reader;
beforeAll(async () => { reader = createReader(await makeFixtureDb()); });
afterAll(() => {
  reader?.close();
  if (reader) rmSync(dirname(reader.dbPath), { recursive: true, force: true });
});
const q = (s: string) => new URLSearchParams(s);

describe('flagged cases (抽查)', () => {
  it('one row per case, all its flags in SPEC §5 order, filters', async () => {
    const all = await flaggedCases(reader, { month: '2025-03' }, {});
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => [r.case_id, r.flags, r.unit_name])).toEqual([
      ['C1', 'reasonable_repeat,violation_repeat', '宁海路街道'],
      ['C2', 'solved_but_unsatisfied', '宁海路街道'],
    ]);
    expect(all.rows[0].reasons).toBe('合理诉求有重复投诉 C4；二级分类为噪声扰民且有重复投诉');
    expect(all.rows[0].content).toBe('楼下夜间施工噪声，电话138****1234'); // masked
    // a flag keeps the case's other flags on the row
    expect((await flaggedCases(reader, { month: '2025-03', flag: 'violation_repeat' }, {})).rows.map((r) => [r.case_id, r.flags]))
      .toEqual([['C1', 'reasonable_repeat,violation_repeat']]);
    expect((await flaggedCases(reader, { month: '2025-03', district: '玄武区' }, {})).total).toBe(0);
    expect((await flaggedCases(reader, { month: '2025-03', district: '鼓楼区', unitId: 'U1' }, {})).total).toBe(2);
    expect((await flaggedCases(reader, { month: '2025-02' }, {})).total).toBe(0);
    expect(await flaggedCases(reader, { month: '2025-03' }, { page: 2, pageSize: 1 })).toMatchObject({ total: 2, page: 2, rows: [{ case_id: 'C2' }] });
  });
});

describe('views: page rows and export rows are the same query', () => {
  it('flags: the URL filters, all rows for the export', async () => {
    const page = await VIEWS.flags.fetch(reader, q('m=2025-03&f=solved_but_unsatisfied&p=1'), { page: 1 });
    const exp = await VIEWS.flags.fetch(reader, q('m=2025-03&f=solved_but_unsatisfied'), { pageSize: 0 });
    expect(page.rows).toEqual(exp.rows);
    expect(exp.rows.map((r) => r.case_id)).toEqual(['C2']);
    const csv = toCsv(VIEWS.flags.columns, exp.rows);
    expect(csv.startsWith('\uFEFF月份,工单编号')).toBe(true);
  });
  it('timeline: events and due dates of case `id`, in time order', async () => {
    const t = await VIEWS.timeline.fetch(reader, q('id=C1'), { pageSize: 0 });
    expect(t.rows.map((r) => [r.case_id, r.at, r.title])).toEqual([
      ['C1', '2025-03-02 09:00:00', '派发'],
      ['C1', '2025-03-03 10:00:00', '签收'],
      ['C1', '2025-05-03 23:59:59', '承诺解决期限'],
    ]);
    await expect(VIEWS.timeline.fetch(reader, q('id=C404'), { pageSize: 0 })).rejects.toMatchObject({ status: 404 });
    await expect(VIEWS.findings.fetch(reader, q(''), { pageSize: 0 })).rejects.toMatchObject({ status: 404 });
  });
  it('findings: none in the fixture, an empty table', async () => {
    expect((await VIEWS.findings.fetch(reader, q('id=C1'), { pageSize: 0 })).rows).toEqual([]);
  });
  it('warning counts and warned units (top rows on the page, all in the export)', async () => {
    const counts = await VIEWS.warningCounts.fetch(reader, q(''), { pageSize: 0 });
    expect(counts.rows.map((r) => [r.code, r.n]).sort()).toEqual([['contact_due', 1], ['unsigned_overdue', 1]]);
    const units = await VIEWS.warnedUnits.fetch(reader, q(''), { pageSize: 0 });
    expect(units.rows).toHaveLength(1);
    expect(units.rows[0]).toMatchObject({ unit_id: 'U1', total: 2, n_unsigned_overdue: 1, n_contact_due: 1, n_overdue: null });
    expect(toCsv(VIEWS.warnedUnits.columns, units.rows).split('\r\n')[1]).toBe('U1,宁海路街道,1,1,,,,,2');
    expect((await VIEWS.warnedUnits.fetch(reader, q('w=contact_due'), { pageSize: 8 })).rows[0]).toMatchObject({ total: 1 });
  });
});
