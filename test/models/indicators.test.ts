// The three SPEC §4 indicators on tiny fixtures. Every expected figure is worked out by hand from
// SPEC §4 and sql/README.md "Interpretations"; the reasoning sits beside each case.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { audit, drill, ev, indicatorRow, query, rulesFile, seedAndBuild, tempDir, unsatisfiedCase, type RawData } from './harness.ts';

const units = [
  { unit_id: 'U1', unit_name: '梅园新村街道', unit_type: 'street', district: '玄武区' },
  { unit_id: 'U2', unit_name: '秦淮区住建局', unit_type: 'district_bureau', district: '秦淮区' },
  { unit_id: 'U3', unit_name: '玄武区城管局', unit_type: 'district_bureau', district: '玄武区' },
];

describe('accurate receipt rate (准确签收率), as of 2025-03-31', () => {
  // Denominator: current dispatch to the unit falls in M. Numerator: signed by that unit (any time up to
  // the as-of date) and no classification_inaccurate finding (made before the as-of end).
  const data: RawData = {
    units,
    cases: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'].map((id) => unsatisfiedCase(id)),
    events: [
      // A1: dispatched at 00:00 on 1 Feb → February; signed → U1 Feb den+num.
      ev('A1', 'dispatch', '2025-02-01 00:00:00', 'U1'),
      ev('A1', 'sign', '2025-02-02 10:00:00', 'U1', { category: 'unreasonable' }),
      // A2: dispatched 23:30 on 31 Jan → January; signed in February still counts (signed any time) → U1 Jan den+num.
      ev('A2', 'dispatch', '2025-01-31 23:30:00', 'U1'),
      ev('A2', 'sign', '2025-02-01 09:00:00', 'U1', { category: 'one_time' }),
      // A3: never signed → U1 Feb den only.
      ev('A3', 'dispatch', '2025-02-10 09:00:00', 'U1'),
      // A4: signed, then found classification_inaccurate → U1 Feb den only.
      ev('A4', 'dispatch', '2025-02-10 09:00:00', 'U1'),
      ev('A4', 'sign', '2025-02-11 09:00:00', 'U1', { category: 'unresolved_reasonable', tier: 'current_month' }),
      // A5: U1 signs in January, then the case is re-dispatched to U2 in February, which signs:
      //     the current dispatch is U2's → U2 Feb den+num; nothing for U1 in January.
      ev('A5', 'dispatch', '2025-01-20 09:00:00', 'U1'),
      ev('A5', 'sign', '2025-01-21 09:00:00', 'U1', { category: 'unreasonable' }),
      ev('A5', 'dispatch', '2025-02-05 09:00:00', 'U2'),
      ev('A5', 'sign', '2025-02-06 09:00:00', 'U2', { category: 'resolved_at_sign' }),
      // A6: dispatched to U2 but only U1 signed → not signed by the unit → U2 Feb den only.
      ev('A6', 'dispatch', '2025-02-15 09:00:00', 'U2'),
      ev('A6', 'sign', '2025-02-16 09:00:00', 'U1', { category: 'unreasonable' }),
      // A7: the inaccuracy finding is dated after the as-of date → ignored → U2 Mar den+num.
      ev('A7', 'dispatch', '2025-03-03 09:00:00', 'U2'),
      ev('A7', 'sign', '2025-03-04 09:00:00', 'U2', { category: 'unreasonable' }),
    ],
    audits: [
      audit('AU4', 'A4', '2025-03-01 10:00:00', 'classification_inaccurate', { corrected_category: 'unreasonable' }),
      audit('AU7', 'A7', '2025-04-02 10:00:00', 'classification_inaccurate', { corrected_category: 'one_time' }),
    ],
  };
  let db: string;
  beforeAll(async () => {
    ({ db } = await seedAndBuild(data, '2025-03-31'));
  });

  it('counts per unit and month, with month boundaries, re-dispatch and unsigned cases', async () => {
    expect(await drill(db, 'accurate_receipt', '2025-01')).toEqual({ A2: true });
    expect(await drill(db, 'accurate_receipt', '2025-02')).toEqual({ A1: true, A3: false, A4: false, A5: true, A6: false });
    expect(await drill(db, 'accurate_receipt', '2025-03')).toEqual({ A7: true });
    const u1feb = await indicatorRow(db, 'unit', 'U1', '2025-02');
    expect([u1feb.ar_num, u1feb.ar_den, u1feb.ar_rate]).toEqual([1, 3, 1 / 3]);
    const u2feb = await indicatorRow(db, 'unit', 'U2', '2025-02');
    expect([u2feb.ar_num, u2feb.ar_den, u2feb.ar_rate]).toEqual([1, 2, 0.5]);
    const u1jan = await indicatorRow(db, 'unit', 'U1', '2025-01');
    expect([u1jan.ar_num, u1jan.ar_den]).toEqual([1, 1]);
  });

  it('gives a zero-denominator month a row with a null rate (spine), and marks the as-of month partial', async () => {
    const u1mar = await indicatorRow(db, 'unit', 'U1', '2025-03');
    expect([u1mar.ar_num, u1mar.ar_den, u1mar.ar_rate, u1mar.partial]).toEqual([0, 0, null, true]);
    const u3jan = await indicatorRow(db, 'unit', 'U3', '2025-01');
    expect([u3jan.ar_den, u3jan.ar_rate, u3jan.otc_rate, u3jan.ots_rate, u3jan.partial]).toEqual([0, null, null, null, false]);
    const months = await query<{ m: string }>(db, `select distinct strftime(month, '%Y-%m') as m from mart_indicators order by 1`);
    expect(months.map((r) => r.m)).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('pools district, unit type and city as sum of numerators over sum of denominators', async () => {
    // February: U1 1/3, U2 1/2, U3 0/0. City = 2/5 = 0.4 (a mean of unit rates would be 0.4167).
    const city = await indicatorRow(db, 'city', 'city', '2025-02');
    expect([city.ar_num, city.ar_den, city.ar_rate]).toEqual([2, 5, 0.4]);
    // 玄武区 = U1 + U3 = 1/3; 秦淮区 = U2 = 1/2; district_bureau = U2 + U3 = 1/2; street = U1 = 1/3.
    const xw = await indicatorRow(db, 'district', '玄武区', '2025-02');
    expect([xw.ar_num, xw.ar_den]).toEqual([1, 3]);
    const bureau = await indicatorRow(db, 'unit_type', 'district_bureau', '2025-02');
    expect([bureau.ar_num, bureau.ar_den]).toEqual([1, 2]);
    const street = await indicatorRow(db, 'unit_type', 'street', '2025-02');
    expect([street.ar_num, street.ar_den]).toEqual([1, 3]);
  });

  it('answers `indicators --json` through the real CLI in the SPEC §8 shape', async () => {
    const out = execFileSync('node', ['bin/rehandle.mjs', 'indicators', '--db', db, '--by', 'city', '--json'], { encoding: 'utf8' });
    const rows = JSON.parse(out);
    expect(rows.map((r: { month: string }) => r.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(rows[1]).toEqual({
      month: '2025-02', scope: 'city', key: 'city',
      accurate_receipt: { num: 2, den: 5, rate: 0.4 },
      on_time_contact: { num: 0, den: 0, rate: null },
      on_time_solving: { num: 0, den: 0, rate: null },
    });
    const feb = JSON.parse(execFileSync('node', ['bin/rehandle.mjs', 'indicators', '--db', db, '--month', '2025-02', '--json'], { encoding: 'utf8' }));
    expect(feb.map((r: { key: string }) => r.key)).toEqual(['U1', 'U2', 'U3']);
    expect(feb[0].accurate_receipt).toEqual({ num: 1, den: 3, rate: 1 / 3 });
  });
});

describe('on-time contact rate (按时联系率), as of 2025-04-15', () => {
  // Denominator in M: effective unresolved_reasonable, tier 2m/3m/6m/long_term, signed before M, not resolved
  // before M. Numerator: at least one contact in M not refuted by fake_contact.
  const reasonable = (id: string, signAt: string, tier: string, extra: Record<string, string> = {}) => [
    ev(id, 'dispatch', '2025-01-02 09:00:00', 'U1'),
    ev(id, 'sign', signAt, 'U1', { category: 'unresolved_reasonable', tier, ...extra }),
  ];
  const data: RawData = {
    units,
    cases: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'].map((id) => unsatisfiedCase(id)),
    events: [
      // B1 (2m, signed Jan, unresolved): Feb contact at 00:00 on the 1st, Mar contact at 23:30 on the 31st,
      //     none in April → Feb ✓, Mar ✓, Apr ✗.
      ...reasonable('B1', '2025-01-10 09:00:00', '2m'),
      ev('B1', 'contact', '2025-02-01 00:00:00', 'U1', { method: 'phone' }),
      ev('B1', 'contact', '2025-03-31 23:30:00', 'U1', { method: 'phone' }),
      // B2 (current_month): never in the contact denominator.
      ...reasonable('B2', '2025-01-10 09:00:00', 'current_month'),
      // B3 (long_term, signed 23:30 on 28 Feb → first due month March): the March contact is refuted by a
      //     fake_contact naming it → Mar ✗; an April contact → Apr ✓.
      ...reasonable('B3', '2025-02-28 23:30:00', 'long_term'),
      { event_id: 'B3-K1', case_id: 'B3', type: 'contact', at: '2025-03-05 10:00:00', unit_id: 'U1', method: 'phone' },
      ev('B3', 'contact', '2025-04-02 10:00:00', 'U1', { method: 'visit' }),
      // B4 (3m, signed Jan, resolved 1 Mar 10:00): Feb contact → Feb ✓; resolved on 1 Mar is not "before
      //     March" → still in March's denominator, no March contact → Mar ✗; resolved before April → not in April.
      ...reasonable('B4', '2025-01-15 09:00:00', '3m'),
      ev('B4', 'contact', '2025-02-10 10:00:00', 'U1', { method: 'phone' }),
      ev('B4', 'resolve', '2025-03-01 10:00:00', 'U1'),
      // B5 (6m, signed Jan): Feb contacts on 3rd and 20th; a fake_contact finding without event_id on 25 Feb
      //     refutes the latest contact at or before it (20th) → the 3rd still counts → Feb ✓. A second such finding
      //     on 9 Mar again hits the 20 Feb contact, not the later 10 Mar one → Mar ✓. April: none → Apr ✗.
      ...reasonable('B5', '2025-01-05 09:00:00', '6m'),
      ev('B5', 'contact', '2025-02-03 10:00:00', 'U1', { method: 'phone' }),
      ev('B5', 'contact', '2025-02-20 10:00:00', 'U1', { method: 'phone' }),
      ev('B5', 'contact', '2025-03-10 10:00:00', 'U1', { method: 'phone' }),
      // B6: signed unreasonable (no tier), corrected to unresolved_reasonable → no tier → in no contact denominator.
      ev('B6', 'dispatch', '2025-01-02 09:00:00', 'U1'),
      ev('B6', 'sign', '2025-01-03 09:00:00', 'U1', { category: 'unreasonable' }),
      // B7: signed unresolved_reasonable 3m, corrected to unreasonable → leaves the denominator.
      ...reasonable('B7', '2025-01-20 09:00:00', '3m'),
    ],
    audits: [
      audit('AB3', 'B3', '2025-03-20 10:00:00', 'fake_contact', { event_id: 'B3-K1' }),
      audit('AB5a', 'B5', '2025-02-25 10:00:00', 'fake_contact'),
      audit('AB5b', 'B5', '2025-03-09 10:00:00', 'fake_contact'),
      audit('AB6', 'B6', '2025-02-01 10:00:00', 'classification_inaccurate', { corrected_category: 'unresolved_reasonable' }),
      audit('AB7', 'B7', '2025-02-10 10:00:00', 'classification_inaccurate', { corrected_category: 'unreasonable' }),
    ],
  };
  let db: string;
  beforeAll(async () => {
    ({ db } = await seedAndBuild(data, '2025-04-15'));
  });

  it('puts each case in the months it is due for contact, counting only unrefuted contacts', async () => {
    expect(await drill(db, 'on_time_contact', '2025-01')).toEqual({});
    expect(await drill(db, 'on_time_contact', '2025-02')).toEqual({ B1: true, B4: true, B5: true });
    expect(await drill(db, 'on_time_contact', '2025-03')).toEqual({ B1: true, B3: false, B4: false, B5: true });
    expect(await drill(db, 'on_time_contact', '2025-04')).toEqual({ B1: false, B3: true, B5: false });
    const mar = await indicatorRow(db, 'unit', 'U1', '2025-03');
    expect([mar.otc_num, mar.otc_den, mar.otc_rate]).toEqual([2, 4, 0.5]);
    const apr = await indicatorRow(db, 'unit', 'U1', '2025-04');
    expect([apr.otc_num, apr.otc_den, apr.partial]).toEqual([1, 3, true]);
  });

  it('records the corrected case without a tier as a data-quality issue', async () => {
    const dq = await query(db, `select case_id, issue from mart_data_quality where issue = 'no_tier_after_correction'`);
    expect(dq).toEqual([{ case_id: 'B6', issue: 'no_tier_after_correction' }]);
    const why = await query<{ why: string }>(db, `select why from mart_indicator_cases where indicator = 'on_time_contact' and case_id = 'B3' and month = '2025-03-01'`);
    expect(why[0].why).toContain('虚假联系');
  });
});

describe('on-time solving rate (按时解决率)', () => {
  // Denominator in M: effective unresolved_reasonable, tier not long_term, due date used in M.
  // Numerator: effective resolution date <= due date, no overdue_resolution finding.
  const signed = (id: string, signAt: string, tier: string, extra: Record<string, string> = {}) => [
    ev(id, 'dispatch', '2024-12-20 09:00:00', 'U1'),
    ev(id, 'sign', signAt, 'U1', { category: 'unresolved_reasonable', tier, ...extra }),
  ];
  const data: RawData = {
    units,
    cases: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9'].map((id) => unsatisfiedCase(id)),
    events: [
      // C1: 2m from 31 Dec 2024 → 28 Feb 2025 (clamped to month end); resolved 28 Feb 23:00 → Feb ✓.
      ...signed('C1', '2024-12-31 10:00:00', '2m'),
      ev('C1', 'resolve', '2025-02-28 23:00:00', 'U1'),
      // C2: current_month signed 10 Feb → due 28 Feb; resolved 1 Mar → Feb ✗.
      ...signed('C2', '2025-02-10 10:00:00', 'current_month'),
      ev('C2', 'resolve', '2025-03-01 08:00:00', 'U1'),
      // C3: 3m from 15 Jan → 15 Apr, explicit promise 20 Mar is earlier → due 20 Mar; resolved 25 Mar → Mar ✗.
      ...signed('C3', '2025-01-15 10:00:00', '3m', { promised_due: '2025-03-20' }),
      ev('C3', 'resolve', '2025-03-25 10:00:00', 'U1'),
      // C4: 2m from 15 Jan → 15 Mar, explicit promise 1 May is later → tier date kept (data-quality warning);
      //     resolved 1 Apr → Mar ✗.
      ...signed('C4', '2025-01-15 10:00:00', '2m', { promised_due: '2025-05-01' }),
      ev('C4', 'resolve', '2025-04-01 10:00:00', 'U1'),
      // C5: 2m from 5 Feb → 5 Apr; resolution of 1 Mar refuted (fake_resolution naming it), real one 3 Apr → Apr ✓.
      ...signed('C5', '2025-02-05 10:00:00', '2m'),
      { event_id: 'C5-R1', case_id: 'C5', type: 'resolve', at: '2025-03-01 10:00:00', unit_id: 'U1' },
      ev('C5', 'resolve', '2025-04-03 10:00:00', 'U1'),
      // C6: 2m → 5 Apr; its only resolution refuted by a fake_resolution without event_id → unresolved → Apr ✗.
      ...signed('C6', '2025-02-05 10:00:00', '2m'),
      ev('C6', 'resolve', '2025-03-01 10:00:00', 'U1'),
      // C7: 2m → 5 Apr, resolved 1 Mar (in time by date) but an overdue_resolution finding → Apr ✗.
      ...signed('C7', '2025-02-05 10:00:00', '2m'),
      ev('C7', 'resolve', '2025-03-01 10:00:00', 'U1'),
      // C8: current_month signed 10 Mar → promised 31 Mar; approved extension to 20 May; resolved 10 May.
      //     original policy: Mar ✗ (and counts in March's extension rate); latest policy: May ✓.
      ...signed('C8', '2025-03-10 10:00:00', 'current_month'),
      ev('C8', 'extension', '2025-03-25 10:00:00', 'U1', { new_due: '2025-05-20', approved: true, decided_at: '2025-03-26 10:00:00' }),
      ev('C8', 'resolve', '2025-05-10 10:00:00', 'U1'),
      // C9: long_term → never in the solving denominator.
      ...signed('C9', '2025-01-10 10:00:00', 'long_term'),
    ],
    audits: [
      audit('AC5', 'C5', '2025-03-10 10:00:00', 'fake_resolution', { event_id: 'C5-R1' }),
      audit('AC6', 'C6', '2025-03-10 10:00:00', 'fake_resolution'),
      audit('AC7', 'C7', '2025-03-15 10:00:00', 'overdue_resolution'),
    ],
  };

  it('uses the promised due date under extensionPolicy original (default)', async () => {
    const { db } = await seedAndBuild(data, '2025-06-30');
    expect(await drill(db, 'on_time_solving', '2025-02')).toEqual({ C1: true, C2: false });
    expect(await drill(db, 'on_time_solving', '2025-03')).toEqual({ C3: false, C4: false, C8: false });
    expect(await drill(db, 'on_time_solving', '2025-04')).toEqual({ C5: true, C6: false, C7: false });
    expect(await drill(db, 'on_time_solving', '2025-05')).toEqual({});
    const mar = await indicatorRow(db, 'unit', 'U1', '2025-03');
    expect([mar.ots_num, mar.ots_den, mar.ots_rate, mar.ext_num, mar.ext_den]).toEqual([0, 3, 0, 1, 3]);
    const may = await indicatorRow(db, 'unit', 'U1', '2025-05');
    expect([may.ots_den, may.ots_rate]).toEqual([0, null]);
    const dues = await query(db, `select case_id, promised_due, promised_due_source, working_due, due_used from mart_case_lifecycle where case_id in ('C1','C3','C4','C8') order by case_id`);
    expect(dues).toEqual([
      { case_id: 'C1', promised_due: '2025-02-28', promised_due_source: 'tier', working_due: '2025-02-28', due_used: '2025-02-28' },
      { case_id: 'C3', promised_due: '2025-03-20', promised_due_source: 'explicit', working_due: '2025-03-20', due_used: '2025-03-20' },
      { case_id: 'C4', promised_due: '2025-03-15', promised_due_source: 'tier', working_due: '2025-03-15', due_used: '2025-03-15' },
      { case_id: 'C8', promised_due: '2025-03-31', promised_due_source: 'tier', working_due: '2025-05-20', due_used: '2025-03-31' },
    ]);
    expect(await query(db, `select case_id, issue from mart_data_quality where issue = 'explicit_due_later_than_tier'`)).toEqual([
      { case_id: 'C4', issue: 'explicit_due_later_than_tier' },
    ]);
  });

  it('uses the latest approved due date under extensionPolicy latest', async () => {
    const rules = rulesFile(tempDir(), (r) => { r.extensionPolicy = 'latest'; });
    const { db } = await seedAndBuild(data, '2025-06-30', rules);
    expect(await drill(db, 'on_time_solving', '2025-03')).toEqual({ C3: false, C4: false });
    expect(await drill(db, 'on_time_solving', '2025-05')).toEqual({ C8: true });
    const may = await indicatorRow(db, 'unit', 'U1', '2025-05');
    expect([may.ots_num, may.ots_den, may.ots_rate, may.ext_num, may.ext_den]).toEqual([1, 1, 1, 1, 1]);
  });

  it('clamps a tier date to a leap-year month end (31 Dec 2023 + 2 months = 29 Feb 2024)', async () => {
    const { db } = await seedAndBuild({
      units,
      cases: [unsatisfiedCase('L1')],
      events: [
        ev('L1', 'dispatch', '2023-12-30 09:00:00', 'U1'),
        ev('L1', 'sign', '2023-12-31 09:00:00', 'U1', { category: 'unresolved_reasonable', tier: '2m' }),
      ],
    }, '2024-03-31');
    expect(await query(db, `select promised_due from mart_case_lifecycle`)).toEqual([{ promised_due: '2024-02-29' }]);
  });
});

describe('audited accuracy (beyond the standard), with a 95% Wilson interval', () => {
  it('counts audited cases of the dispatch month and those not found inaccurate', async () => {
    // Five cases dispatched to U1 in February; four have findings: no_issue, classification_inaccurate,
    // fake_contact (audited, classification not questioned), repeat_complaint; K5 has none.
    // → audited_den 4, audited_num 3, rate 0.75. Wilson, z = 1.96, n = 4, p = 0.75:
    //   centre = (0.75 + 3.8416/8) / (1 + 3.8416/4) = 1.2302 / 1.9604 = 0.627525
    //   half   = 1.96·√(0.75·0.25/4 + 3.8416/64) / 1.9604 = 1.96·√0.1069 / 1.9604 = 0.326889
    //   → [0.300636, 0.954414] (the textbook Wilson interval for 3/4).
    const ids = ['K1', 'K2', 'K3', 'K4', 'K5'];
    const { db } = await seedAndBuild({
      units,
      cases: ids.map((id) => unsatisfiedCase(id)),
      events: ids.flatMap((id) => [
        ev(id, 'dispatch', '2025-02-03 09:00:00', 'U1'),
        ev(id, 'sign', '2025-02-04 09:00:00', 'U1', { category: 'unreasonable' }),
      ]),
      audits: [
        audit('AK1', 'K1', '2025-02-20 10:00:00', 'no_issue'),
        audit('AK2', 'K2', '2025-02-20 10:00:00', 'classification_inaccurate', { corrected_category: 'one_time' }),
        audit('AK3', 'K3', '2025-02-20 10:00:00', 'fake_contact'),
        audit('AK4', 'K4', '2025-02-20 10:00:00', 'repeat_complaint'),
      ],
    }, '2025-02-28');
    const feb = await indicatorRow(db, 'unit', 'U1', '2025-02');
    expect([feb.audited_num, feb.audited_den, feb.audited_rate]).toEqual([3, 4, 0.75]);
    expect(feb.audited_lo).toBeCloseTo(0.300636, 5);
    expect(feb.audited_hi).toBeCloseTo(0.954414, 5);
    // The standard's accurate-receipt rate presumes unaudited cases accurate: 4 of 5.
    expect([feb.ar_num, feb.ar_den]).toEqual([4, 5]);
  });
});
