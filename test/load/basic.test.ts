// A complete small data set (units, cases, events, audits) loads with every value typed as SPEC §3 says.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIXTURES, loadFresh, query, rejects } from './helpers.ts';

const dir = `${FIXTURES}basic`;

describe('loading a folder of canonical CSV files', () => {
  it('loads every kind in dependency order and records the load', async () => {
    const { db, report } = await loadFresh([dir]);
    // Folder order is alphabetical (audits first), the load order units → cases → events → audits.
    expect(report.files.map((f) => [f.file.split('/').pop(), f.kind, f.format, f.encoding, f.status, f.rows_read, f.rows_loaded, f.rows_rejected])).toEqual([
      ['units.csv', 'units', 'csv', 'utf-8', 'loaded', 2, 2, 0],
      ['cases.csv', 'cases', 'csv', 'utf-8', 'loaded', 3, 3, 0],
      ['events.csv', 'events', 'csv', 'utf-8', 'loaded', 7, 7, 0],
      ['audits.csv', 'audits', 'csv', 'utf-8', 'loaded', 2, 2, 0],
    ]);
    expect(await rejects(db)).toEqual([]);
    expect(await query(db, 'select load_id, batch_id, kind, status, rows_read, rows_loaded, rows_rejected, length(sha256) as h from loads order by load_id')).toEqual([
      { load_id: 1, batch_id: 1, kind: 'units', status: 'loaded', rows_read: 2, rows_loaded: 2, rows_rejected: 0, h: 64 },
      { load_id: 2, batch_id: 1, kind: 'cases', status: 'loaded', rows_read: 3, rows_loaded: 3, rows_rejected: 0, h: 64 },
      { load_id: 3, batch_id: 1, kind: 'events', status: 'loaded', rows_read: 7, rows_loaded: 7, rows_rejected: 0, h: 64 },
      { load_id: 4, batch_id: 1, kind: 'audits', status: 'loaded', rows_read: 2, rows_loaded: 2, rows_rejected: 0, h: 64 },
    ]);

    expect(await query(db, 'select * exclude (_file) from raw_units order by unit_id')).toEqual([
      { unit_id: 'U1', unit_name: '玄武区住建局', unit_type: 'district_bureau', district: '玄武区', _load_id: 1, _line: 2 },
      { unit_id: 'U2', unit_name: '新街口街道', unit_type: 'street', district: '玄武区', _load_id: 1, _line: 3 },
    ]);

    const cases = await query(db, 'select * exclude (_file, _load_id) from raw_cases order by case_id');
    expect(cases).toEqual([
      {
        case_id: 'C1', received_at: '2025-03-01 08:00:00', channel: 'phone', caller_id: 'P1', caller_name: '张三', caller_phone: '13800000001',
        district: '玄武区', street: '新街口街道', address: '中山路1号', appeal_type: 'complaint', topic_l1: '城乡建设', topic_l2: '违法建设',
        content: '楼下违建\n请处理', unit_id: 'U1', out_of_scope_declared: false, first_reply: '经核查，已处理。', closed_at: '2025-03-02 09:30:00',
        satisfaction: 'unsatisfied', evaluated_at: '2025-03-03 10:00:00', _line: 2,
      },
      {
        // C1's content spans two physical lines, so C2 is on line 4.
        case_id: 'C2', received_at: '2025-03-05 14:03:00', channel: 'wechat', caller_id: 'P2', caller_name: '李四', caller_phone: null,
        district: '玄武区', street: null, address: null, appeal_type: 'consult', topic_l1: '交通运输', topic_l2: '占道经营',
        content: '咨询停车', unit_id: 'U2', out_of_scope_declared: true, first_reply: '已转交相关部门', closed_at: '2025-03-06 00:00:00',
        satisfaction: 'unsatisfied', evaluated_at: null, _line: 4,
      },
      {
        case_id: 'C3', received_at: '2025-03-07 10:00:00', channel: 'web', caller_id: 'P1', caller_name: '张三', caller_phone: '13800000001',
        district: '玄武区', street: '新街口街道', address: '中山路1号', appeal_type: 'help', topic_l1: '城乡建设', topic_l2: '噪声扰民',
        content: '噪音', unit_id: 'U1', out_of_scope_declared: false, first_reply: '经查已解决', closed_at: null,
        satisfaction: 'none', evaluated_at: null, _line: 5,
      },
    ]);

    const hashed = createHash('md5').update('C1|resolve|2025-07-20 16:00:00|U1').digest('hex');
    const events = await query(db, 'select * exclude (_file, _load_id) from raw_events order by _line');
    const base = { category: null, tier: null, promised_due: null, method: null, note: null, new_due: null, approved: null, decided_at: null };
    expect(events).toEqual([
      { ...base, event_id: 'E1', case_id: 'C1', type: 'dispatch', at: '2025-03-04 09:00:00', unit_id: 'U1', _line: 2 },
      { ...base, event_id: 'E2', case_id: 'C1', type: 'sign', at: '2025-03-05 10:00:00', unit_id: 'U1', category: 'unresolved_reasonable', tier: '3m', promised_due: '2025-05-31', _line: 3 },
      { ...base, event_id: 'E3', case_id: 'C1', type: 'contact', at: '2025-04-10 15:00:00', unit_id: 'U1', method: 'phone', note: '电话联系诉求人', _line: 4 },
      { ...base, event_id: 'E4', case_id: 'C1', type: 'extension', at: '2025-06-01 09:00:00', unit_id: 'U1', new_due: '2025-07-31', approved: true, decided_at: '2025-06-02 10:00:00', _line: 5 },
      { ...base, event_id: hashed, case_id: 'C1', type: 'resolve', at: '2025-07-20 16:00:00', unit_id: 'U1', note: '已解决', _line: 6 },
      { ...base, event_id: 'E6', case_id: 'C2', type: 'dispatch', at: '2025-03-07 09:00:00', unit_id: 'U2', _line: 7 },
      { ...base, event_id: 'E7', case_id: 'C2', type: 'sign', at: '2025-03-07 11:00:00', unit_id: 'U2', category: 'resolved_at_sign', _line: 8 },
    ]);

    expect(await query(db, 'select * exclude (_file, _load_id) from raw_audits order by audit_id')).toEqual([
      {
        audit_id: 'A1', case_id: 'C1', audited_at: '2025-04-20 10:00:00', method: 'callback', auditor: '王审核', finding: 'fake_contact', event_id: 'E3',
        corrected_category: null, note: '未联系', rectification_due: '2025-04-30', rectified_at: '2025-04-28 09:00:00', _line: 2,
      },
      {
        audit_id: 'A2', case_id: 'C2', audited_at: '2025-03-20 10:00:00', method: 'onsite', auditor: '王审核', finding: 'classification_inaccurate', event_id: null,
        corrected_category: 'unresolved_reasonable', note: null, rectification_due: null, rectified_at: null, _line: 3,
      },
    ]);
  });
});
