// Every way a row can break the contract (SPEC §3 "Bad input"): the row goes to `rejects` with
// file, line, column, value and a reason; the good rows of the same file still load.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaths } from '../../pipeline/load/index.ts';
import { query, rejects, tempDir, writeFiles } from './helpers.ts';

const UNITS = `unit_id,unit_name,unit_type,district
U1,住建局,district_bureau,玄武区
,无编号,street,玄武区
U3,某部门,部门,玄武区
`;

const CASES = `case_id,received_at,channel,appeal_type,out_of_scope_declared,closed_at,satisfaction,evaluated_at,unit_id
C1,2025-03-01 08:00,phone,complaint,否,,不满意,,U1
,2025-03-01 08:00,phone,complaint,否,,不满意,,U1
C4,yesterday,phone,complaint,否,,不满意,,U1
C5,2025-03-01 08:00,fax,complaint,否,,不满意,,U1
C6,2025-03-01 08:00,phone,骂人,否,,不满意,,U1
C7,2025-03-01 08:00,phone,complaint,maybe,,不满意,,U1
C8,2025-03-01 08:00,phone,complaint,否,2025-02-30 10:00,不满意,,U1
C9,2025-03-01 08:00,phone,complaint,否,,ok,,U1
C10,2025-03-01 08:00,phone,complaint,否,,不满意,3/5/2025,U1
C2,2025-03-01 08:00,phone,complaint,否,,不满意,,U1
C3,2025-03-01 08:00,phone,complaint,否,,不满意,,U1
`;

const EVENTS = `event_id,case_id,type,at,unit_id,category,tier,method,new_due,approved
E1,C1,dispatch,2025-03-04 09:00,U1,,,,,
E2,C1,sign,2025-03-05 09:00,U1,未解决的合理诉求,,,,
E3,C1,sign,2025-03-05 09:01,U1,unreasonable,3m,,,
E4,C1,sign,2025-03-05 09:02,U1,weird,,,,
E5,C1,sign,2025-03-05 09:03,U1,未解决的合理诉求,9个月,,,
E6,C1,contact,2025-03-01 10:00,U1,,,phone,,
E7,C404,contact,2025-03-05 10:00,U1,,,phone,,
E8,C2,contact,2025-03-05 10:00,U1,,,phone,,
E9,C1,call,2025-03-05 10:00,U1,,,,,
E10,C1,contact,soon,U1,,,phone,,
E11,,contact,2025-03-05 10:00,U1,,,phone,,
E1,C1,dispatch,2025-03-04 09:00,U2,,,,,
E1,C1,dispatch,2025-03-04 09:00,U1,,,,,
E12,C1,extension,2025-03-06 10:00,U1,,,,never,perhaps
E13,C1,dispatch,2025-03-06 10:00,,,,,,
E14,C1,contact,2025-03-06 10:00,U1,,,pigeon,,
E15,C1,sign,2025-03-06 10:00,U1,,,,,
E16,C1,,2025-03-06 10:00,U1,,,,,
E17,C1,contact,,U1,,,phone,,
E18,C1,contact,2025-03-06 11:00,U1,,,phone,,
E20,C3,dispatch,2025-03-04 09:00,U1,,,,,
`;

const AUDITS = `audit_id,case_id,audited_at,method,finding,event_id,corrected_category
A1,C1,2025-04-01 10:00,callback,fake_contact,E18,
A2,C1,2025-04-01 10:00,callback,classification_inaccurate,,
A3,C1,2025-04-01 10:00,callback,classification_inaccurate,,xyz
A4,C404,2025-04-01 10:00,callback,no_issue,,
A5,C1,2025-04-01 10:00,callback,fake_contact,E999,
A6,C1,2025-04-01 10:00,callback,bad,,
A7,C1,2025-04-01 10:00,telepathy,no_issue,,
,C1,2025-04-01 10:00,callback,no_issue,,
A1,C1,2025-04-02 10:00,callback,fake_contact,E18,
A8,C1,2025-04-01 10:00,callback,fake_contact,E20,
A9,C1,,callback,no_issue,,
A10,C1,2025-04-01 10:00,callback,,,
`;

type Expected = [file: string, line: number, column: string | null, value: string | null, gist: string];

describe('rejects', () => {
  it('rejects each bad row with file, line, column, value and reason, and loads the rest', async () => {
    const dir = writeFiles({ 'units.csv': UNITS, 'cases.csv': CASES, 'events.csv': EVENTS, 'audits.csv': AUDITS });
    const db = join(tempDir(), 'w.duckdb');
    const report = await loadPaths(db, [dir], {});
    const f = (name: string) => join(dir, name);
    const expected: Expected[] = [
      [f('units.csv'), 3, 'unit_id', null, 'missing required value'],
      [f('units.csv'), 4, 'unit_type', '部门', 'unknown code'],
      [f('cases.csv'), 3, 'case_id', null, 'missing required value'],
      [f('cases.csv'), 4, 'received_at', 'yesterday', 'unparseable timestamp'],
      [f('cases.csv'), 5, 'channel', 'fax', 'unknown code'],
      [f('cases.csv'), 6, 'appeal_type', '骂人', 'unknown code'],
      [f('cases.csv'), 7, 'out_of_scope_declared', 'maybe', 'unparseable boolean'],
      [f('cases.csv'), 8, 'closed_at', '2025-02-30 10:00', 'unparseable timestamp'],
      [f('cases.csv'), 9, 'satisfaction', 'ok', 'unknown code'],
      [f('cases.csv'), 10, 'evaluated_at', '3/5/2025', 'unparseable timestamp'],
      [f('events.csv'), 3, 'tier', null, 'tier required for unresolved_reasonable'],
      // line 4: a tier beside another category is not a contract breach (SPEC rejects only a missing
      // one); it loads and only matters if an audit corrects the category to unresolved_reasonable.
      [f('events.csv'), 5, 'category', 'weird', 'unknown code'],
      [f('events.csv'), 6, 'tier', '9个月', 'unknown code'],
      [f('events.csv'), 7, 'at', '2025-03-01 10:00', "event before the case's dispatch"],
      [f('events.csv'), 8, 'case_id', 'C404', 'unknown case_id'],
      [f('events.csv'), 9, 'at', '2025-03-05 10:00', 'the case has no dispatch event'],
      [f('events.csv'), 10, 'type', 'call', 'unknown code'],
      [f('events.csv'), 11, 'at', 'soon', 'unparseable timestamp'],
      [f('events.csv'), 12, 'case_id', null, 'missing required value'],
      [f('events.csv'), 13, 'event_id', 'E1', 'duplicate event_id with different content'],
      // line 14 repeats line 2 exactly: skipped silently
      [f('events.csv'), 15, 'approved', 'perhaps', 'unparseable boolean'],
      [f('events.csv'), 15, 'new_due', 'never', 'unparseable date'],
      [f('events.csv'), 16, 'unit_id', null, 'a dispatch event needs unit_id'],
      [f('events.csv'), 17, 'method', 'pigeon', 'unknown code'],
      [f('events.csv'), 18, 'category', null, 'a sign event needs a category'],
      [f('events.csv'), 19, 'type', null, 'missing required value'],
      [f('events.csv'), 20, 'at', null, 'missing required value'],
      [f('audits.csv'), 3, 'corrected_category', null, 'classification_inaccurate needs a valid corrected_category'],
      [f('audits.csv'), 4, 'corrected_category', 'xyz', 'unknown code'],
      [f('audits.csv'), 5, 'case_id', 'C404', 'unknown case_id'],
      [f('audits.csv'), 6, 'event_id', 'E999', 'event_id not found'],
      [f('audits.csv'), 7, 'finding', 'bad', 'unknown code'],
      [f('audits.csv'), 8, 'method', 'telepathy', 'unknown code'],
      [f('audits.csv'), 9, 'audit_id', null, 'missing required value'],
      [f('audits.csv'), 10, 'audit_id', 'A1', 'duplicate audit_id with different content'],
      [f('audits.csv'), 11, 'event_id', 'E20', 'event_id belongs to another case'],
      [f('audits.csv'), 12, 'audited_at', null, 'missing required value'],
      [f('audits.csv'), 13, 'finding', null, 'missing required value'],
    ];
    const got = await rejects(db);
    expect(got.map((r) => [r.file, r.line, r.column, r.value])).toEqual(expected.map((e) => e.slice(0, 4)));
    got.forEach((r, i) => {
      expect(r.reason).toContain(expected[i][4]);
      expect(r.reason).toMatch(/[\u4e00-\u9fff]/); // a Chinese sentence first
    });

    // events: E1, E3, E18 and E20 load; line 14 (an exact repeat of line 2) is skipped.
    expect(report.files.map((x) => [x.kind, x.rows_read, x.rows_loaded, x.rows_rejected, x.rows_skipped])).toEqual([
      ['units', 3, 1, 2, 0],
      ['cases', 11, 3, 8, 0],
      ['events', 21, 4, 16, 1],
      ['audits', 12, 1, 11, 0],
    ]);
    expect(await query(db, 'select event_id from raw_events order by event_id')).toEqual([{ event_id: 'E1' }, { event_id: 'E18' }, { event_id: 'E20' }, { event_id: 'E3' }]);
    expect(await query(db, 'select case_id from raw_cases order by case_id')).toEqual([{ case_id: 'C1' }, { case_id: 'C2' }, { case_id: 'C3' }]);
    expect(await query(db, 'select audit_id from raw_audits')).toEqual([{ audit_id: 'A1' }]);

    // A later load: the same event id with other content is rejected against the stored row;
    // the identical row is a reload and skipped.
    const later = writeFiles({ 'events-2.csv': 'event_id,case_id,type,at,unit_id,method\nE18,C1,contact,2025-03-06 11:00,U1,visit\nE18,C1,contact,2025-03-06 11:00,U1,phone\n' });
    const r2 = await loadPaths(db, [later], {});
    expect(r2.files.map((x) => [x.rows_read, x.rows_loaded, x.rows_rejected, x.rows_skipped])).toEqual([[2, 0, 1, 1]]);
    const last = (await rejects(db)).at(-1)!;
    expect([last.file, last.line, last.column, last.value]).toEqual([join(later, 'events-2.csv'), 2, 'event_id', 'E18']);
    expect(last.reason).toContain('duplicate event_id with different content');
  });

  it('an events file may come before the file with its dispatches; stored dispatches count too', async () => {
    const dir = writeFiles({
      'cases.csv': 'case_id\nC1\nC2\n',
      'events-a.csv': 'event_id,case_id,type,at,unit_id\nE2,C1,resolve,2025-03-05 10:00,U1\nE3,C1,contact,2025-03-04 08:00,U1\n',
      'events-b.csv': 'event_id,case_id,type,at,unit_id\nE1,C1,dispatch,2025-03-04 09:00,U1\nE9,C2,dispatch,2025-03-04 09:00,\n',
    });
    const db = join(tempDir(), 'w.duckdb');
    const r = await loadPaths(db, [dir], {});
    expect(r.files.map((f) => [f.file.split('/').pop(), f.rows_loaded, f.rows_rejected])).toEqual([['cases.csv', 2, 0], ['events-a.csv', 1, 1], ['events-b.csv', 1, 1]]);
    expect((await rejects(db)).map((x) => [x.file.split('/').pop(), x.line, x.column])).toEqual([['events-a.csv', 3, 'at'], ['events-b.csv', 3, 'unit_id']]);
    // A later load checks against the stored dispatch; C2's dispatch was rejected, so C2 has none.
    const later = writeFiles({ 'events-c.csv': 'event_id,case_id,type,at,unit_id\nE4,C1,resolve,2025-03-06 10:00,U1\nE5,C1,contact,2025-03-01 10:00,U1\nE6,C2,contact,2025-03-06 10:00,U1\n' });
    await loadPaths(db, [later], {});
    const last = (await rejects(db)).slice(2);
    expect(last.map((x) => [x.line, x.column, x.value])).toEqual([[3, 'at', '2025-03-01 10:00'], [4, 'at', '2025-03-06 10:00']]);
    expect(last[0].reason).toContain("event before the case's dispatch");
    expect(last[1].reason).toContain('the case has no dispatch event');
  });
});
