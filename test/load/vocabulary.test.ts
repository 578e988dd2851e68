// SPEC §9: every Chinese header alias, every Chinese value label and boolean word, every timestamp form.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, exec, openMemory } from '../../pipeline/db.ts';
import { TIMESTAMP_MACROS_SQL } from '../../pipeline/time.ts';
import { loadFresh, query, rejects, writeFiles } from './helpers.ts';

describe('timestamp forms (pipeline/time.ts macros)', () => {
  const cases: Array<[string, string | null]> = [
    ['2024-12-25 14:03:22', '2024-12-25 14:03:22'],
    ['2024/12/25 14:03', '2024-12-25 14:03:00'],
    ['2019/2/28 11:25:05', '2019-02-28 11:25:05'],
    ['2024-12-25', '2024-12-25 00:00:00'],
    ['2024/1/5', '2024-01-05 00:00:00'],
    ['2024-12-25T14:03:22', '2024-12-25 14:03:22'],
    ['2024-12-25T06:03:22Z', '2024-12-25 14:03:22'], // UTC → +8
    ['2024-12-25T14:03:22+08:00', '2024-12-25 14:03:22'],
    ['2024-12-25T01:03:22-05:00', '2024-12-25 14:03:22'],
    ['2024-12-31T20:00:00+0000', '2025-01-01 04:00:00'], // crosses the year in local time
    ['45651.5', '2024-12-25 12:00:00'], // Excel serial: 45651 = 2024-12-25, .5 = noon
    ['45651', '2024-12-25 00:00:00'],
    ['43856.82440972222', '2020-01-26 19:47:09'], // 0.82440972222 d × 86400 = 71228.99999 s, rounded to the second
    ['abc', null],
    ['2024-13-01', null],
    ['2024-02-30', null],
    ['20241225', null], // not a date and far beyond any Excel serial
  ];

  it.each(cases)('%s → %s', async (input, expected) => {
    const mem = await openMemory();
    try {
      await exec(mem.conn, "set timezone = 'UTC'"); // the macros must not depend on the session zone
      await exec(mem.conn, TIMESTAMP_MACROS_SQL);
      const [row] = await all<{ t: string | null }>(mem.conn, 'select cast(rh_ts($1) as varchar) as t', [input]);
      expect(row.t).toBe(expected);
    } finally {
      mem.close();
    }
  });
});

const UNITS = `承办单位编号,承办单位,单位类型,所属区
U1,住建局,区级部门,玄武区
U2,街道办,街道,玄武区
U3,市城管局,市级部门,
U4,供电公司,公共企事业单位,
`;

const CASES = `工单编号,受理时间,来源渠道,诉求人编号,诉求人,联系电话,所属区,街道,诉求地址,诉求类型,一级分类,二级分类,诉求内容,承办单位编号,是否申报非受理范围,首次答复意见,办结时间,评价结果,评价时间
K1,2025-03-01 08:00,phone,P1,张三,138,玄武区,新街口,中山路1号,咨询,城乡建设,违法建设,内容1,U1,是,答复1,2025-03-02 08:00,满意,2025-03-03 08:00
K2,2025-03-01 08:00,web,P2,李四,139,,,,求助,,,内容2,U1,否,,,基本满意,
K3,2025-03-01 08:00,wechat,P3,,,,,,投诉举报,,,,U1,true,,,不满意,
K4,2025-03-01 08:00,app,P4,,,,,,意见建议,,,,U1,FALSE,,,未评价,
K5,2025-03-01 08:00,other,P5,,,,,,其他,,,,U1,1,,,,
K6,2025-03-01 08:00,Phone,P6,,,,,,complaint,,,,U1,0,,,Unsatisfied,
K7,2025-03-01 08:00,,P7,,,,,,,,,,U1,yes,,,,
K8,2025-03-01 08:00,,P8,,,,,,,,,,U1,No,,,,
`;

const EVENTS = `事件编号,工单编号,事件类型,发生时间,承办单位编号,签收类别,解决时限,承诺解决日期,方式,备注,延期至,是否批准,审批时间
V01,K1,派发,2025-03-04 09:00,U1,,,,,,,,
V02,K1,签收,2025-03-04 10:00,U1,未解决的合理诉求,当月,,,,,,
V03,K1,签收,2025-03-04 10:01,U1,未解决的合理诉求,2个月,2025/4/30,,,,,
V04,K1,签收,2025-03-04 10:02,U1,未解决的合理诉求,3个月,,,,,,
V05,K1,签收,2025-03-04 10:03,U1,未解决的合理诉求,6个月,,,,,,
V06,K1,签收,2025-03-04 10:04,U1,未解决的合理诉求,长期,,,,,,
V07,K1,签收,2025-03-04 10:05,U1,不合理诉求,,,,,,,
V08,K1,签收,2025-03-04 10:06,U1,诉讼解决,,,,,,,
V09,K1,签收,2025-03-04 10:07,U1,签收解决,,,,,,,
V10,K1,签收,2025-03-04 10:08,U1,一次性投诉,,,,,,,
V11,K1,联系,2025-03-05 10:00,U1,,,,phone,备注11,,,
V12,K1,联系,2025-03-05 11:00,U1,,,,visit,,,,
V13,K1,联系,2025-03-05 12:00,U1,,,,sms,,,,
V14,K1,联系,2025-03-05 13:00,U1,,,,other,,,,
V15,K1,延期,2025-03-06 09:00,U1,,,,,,2025-06-30,是,2025-03-07 09:00
V16,K1,延期,2025-03-06 10:00,U1,,,,,,2025/7/31,否,
V17,K1,解决,2025-03-08 09:00,U1,,,,,,,,
V18,K1,归档,2025-03-09 09:00,U1,,,,,,,,
`;

const AUDITS = `核查编号,工单编号,核查时间,方式,核查人,核查结论,事件编号,更正类别,备注,整改期限,整改时间
W1,K1,2025-03-10 09:00,回访,审核员,无问题,,,备注W1,,
W2,K1,2025-03-10 10:00,实地查看,审核员,判定不准确,,不合理诉求,,2025-03-20,2025-03-18 10:00
W3,K1,2025-03-10 11:00,材料核查,审核员,虚假联系,V11,,,,
W4,K1,2025-03-10 12:00,回访,,虚假解决,V17,,,,
W5,K1,2025-03-10 13:00,回访,,超期解决,,,,,
W6,K1,2025-03-10 14:00,回访,,重复投诉,,,,,
`;

describe('Chinese headers and value labels', () => {
  it('maps every SPEC §9 header alias and value label to the canonical column and code', async () => {
    const dir = writeFiles({ 'units.csv': UNITS, 'cases.csv': CASES, 'events.csv': EVENTS, 'audits.csv': AUDITS });
    const { db, report } = await loadFresh([dir]);
    expect(await rejects(db)).toEqual([]);
    expect(report.files.map((f) => [f.kind, f.rows_loaded])).toEqual([['units', 4], ['cases', 8], ['events', 18], ['audits', 6]]);

    expect(await query(db, 'select unit_id, unit_name, unit_type, district from raw_units order by unit_id')).toEqual([
      { unit_id: 'U1', unit_name: '住建局', unit_type: 'district_bureau', district: '玄武区' },
      { unit_id: 'U2', unit_name: '街道办', unit_type: 'street', district: '玄武区' },
      { unit_id: 'U3', unit_name: '市城管局', unit_type: 'city_bureau', district: null },
      { unit_id: 'U4', unit_name: '供电公司', unit_type: 'enterprise', district: null },
    ]);

    const cases = await query(db, 'select * exclude (_load_id, _file, _line) from raw_cases order by case_id');
    expect(cases[0]).toEqual({
      case_id: 'K1', received_at: '2025-03-01 08:00:00', channel: 'phone', caller_id: 'P1', caller_name: '张三', caller_phone: '138',
      district: '玄武区', street: '新街口', address: '中山路1号', appeal_type: 'consult', topic_l1: '城乡建设', topic_l2: '违法建设',
      content: '内容1', unit_id: 'U1', out_of_scope_declared: true, first_reply: '答复1', closed_at: '2025-03-02 08:00:00',
      satisfaction: 'satisfied', evaluated_at: '2025-03-03 08:00:00',
    });
    expect(cases.map((c) => [c.case_id, c.channel, c.appeal_type, c.satisfaction, c.out_of_scope_declared])).toEqual([
      ['K1', 'phone', 'consult', 'satisfied', true],
      ['K2', 'web', 'help', 'basic', false],
      ['K3', 'wechat', 'complaint', 'unsatisfied', true],
      ['K4', 'app', 'suggestion', 'none', false],
      ['K5', 'other', 'other', null, true],
      ['K6', 'phone', 'complaint', 'unsatisfied', false],
      ['K7', null, null, null, true],
      ['K8', null, null, null, false],
    ]);

    expect(await query(db, 'select event_id, type, category, tier, cast(promised_due as varchar) as pd, method, note, cast(new_due as varchar) as nd, approved, cast(decided_at as varchar) as da from raw_events order by event_id')).toEqual([
      { event_id: 'V01', type: 'dispatch', category: null, tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V02', type: 'sign', category: 'unresolved_reasonable', tier: 'current_month', pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V03', type: 'sign', category: 'unresolved_reasonable', tier: '2m', pd: '2025-04-30', method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V04', type: 'sign', category: 'unresolved_reasonable', tier: '3m', pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V05', type: 'sign', category: 'unresolved_reasonable', tier: '6m', pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V06', type: 'sign', category: 'unresolved_reasonable', tier: 'long_term', pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V07', type: 'sign', category: 'unreasonable', tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V08', type: 'sign', category: 'litigation', tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V09', type: 'sign', category: 'resolved_at_sign', tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V10', type: 'sign', category: 'one_time', tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V11', type: 'contact', category: null, tier: null, pd: null, method: 'phone', note: '备注11', nd: null, approved: null, da: null },
      { event_id: 'V12', type: 'contact', category: null, tier: null, pd: null, method: 'visit', note: null, nd: null, approved: null, da: null },
      { event_id: 'V13', type: 'contact', category: null, tier: null, pd: null, method: 'sms', note: null, nd: null, approved: null, da: null },
      { event_id: 'V14', type: 'contact', category: null, tier: null, pd: null, method: 'other', note: null, nd: null, approved: null, da: null },
      { event_id: 'V15', type: 'extension', category: null, tier: null, pd: null, method: null, note: null, nd: '2025-06-30', approved: true, da: '2025-03-07 09:00:00' },
      { event_id: 'V16', type: 'extension', category: null, tier: null, pd: null, method: null, note: null, nd: '2025-07-31', approved: false, da: null },
      { event_id: 'V17', type: 'resolve', category: null, tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
      { event_id: 'V18', type: 'archive', category: null, tier: null, pd: null, method: null, note: null, nd: null, approved: null, da: null },
    ]);

    expect(await query(db, 'select audit_id, case_id, cast(audited_at as varchar) as at, method, auditor, finding, event_id, corrected_category, note, cast(rectification_due as varchar) as rd, cast(rectified_at as varchar) as ra from raw_audits order by audit_id')).toEqual([
      { audit_id: 'W1', case_id: 'K1', at: '2025-03-10 09:00:00', method: 'callback', auditor: '审核员', finding: 'no_issue', event_id: null, corrected_category: null, note: '备注W1', rd: null, ra: null },
      { audit_id: 'W2', case_id: 'K1', at: '2025-03-10 10:00:00', method: 'onsite', auditor: '审核员', finding: 'classification_inaccurate', event_id: null, corrected_category: 'unreasonable', note: null, rd: '2025-03-20', ra: '2025-03-18 10:00:00' },
      { audit_id: 'W3', case_id: 'K1', at: '2025-03-10 11:00:00', method: 'document', auditor: '审核员', finding: 'fake_contact', event_id: 'V11', corrected_category: null, note: null, rd: null, ra: null },
      { audit_id: 'W4', case_id: 'K1', at: '2025-03-10 12:00:00', method: 'callback', auditor: null, finding: 'fake_resolution', event_id: 'V17', corrected_category: null, note: null, rd: null, ra: null },
      { audit_id: 'W5', case_id: 'K1', at: '2025-03-10 13:00:00', method: 'callback', auditor: null, finding: 'overdue_resolution', event_id: null, corrected_category: null, note: null, rd: null, ra: null },
      { audit_id: 'W6', case_id: 'K1', at: '2025-03-10 14:00:00', method: 'callback', auditor: null, finding: 'repeat_complaint', event_id: null, corrected_category: null, note: null, rd: null, ra: null },
    ]);
  });

  it('recognises a file by its header when the name says nothing', async () => {
    const dir = writeFiles({ 'a.csv': UNITS, 'b.csv': CASES, 'c.csv': EVENTS, 'd.csv': AUDITS });
    const { report } = await loadFresh([join(dir, 'd.csv'), join(dir, 'c.csv'), join(dir, 'b.csv'), join(dir, 'a.csv')]);
    expect(report.files.map((f) => [f.file.split('/').pop(), f.kind, f.rows_loaded, f.rows_rejected])).toEqual([
      ['a.csv', 'units', 4, 0], ['b.csv', 'cases', 8, 0], ['c.csv', 'events', 18, 0], ['d.csv', 'audits', 6, 0],
    ]);
  });
});
