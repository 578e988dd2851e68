// SPEC §5 spot-check flags, each firing at its threshold and not just past it; repeat cases and hotspots.
// Default rules: content <= 60 chars; reply >= 30 chars; repeat window 30 days; hotspot >= 5 callers.
import { describe, expect, it, beforeAll } from 'vitest';
import { createReader } from '../../pipeline/query/core.ts';
import { flags } from '../../pipeline/query/indicators.ts';
import { audit, ev, query, seedAndBuild, unsatisfiedCase, type Fields, type RawData } from './harness.ts';

const units = [{ unit_id: 'U1', unit_name: '单位一', unit_type: 'street', district: '玄武区' }];
const chars = (n: number) => '问'.repeat(n);
const replyOf = (n: number) => '经核查' + '已解决' + '答'.repeat(n - 6); // process + result word, n chars

// Every flagged case is dispatched to U1 on 3 Feb 2025 and signed with `category` (default unreasonable).
function flagged(id: string, caseFields: Fields, category = 'unreasonable', tier: string | null = null) {
  return {
    case: unsatisfiedCase(id, caseFields),
    events: [
      ev(id, 'dispatch', '2025-02-03 09:00:00', 'U1'),
      ev(id, 'sign', '2025-02-04 09:00:00', 'U1', { category, tier }),
    ],
  };
}
// A later case by the same caller on the same topic, satisfied (repeats are counted over all cases).
const repeatOf = (id: string, caller: string, topic: string, receivedAt: string): Fields =>
  unsatisfiedCase(id, { caller_id: caller, topic_l2: topic, received_at: receivedAt, satisfaction: 'satisfied' });

const fixtures = [
  // simple_clear: consult/help and content <= 60 chars after trimming.
  flagged('S1', { appeal_type: 'consult', content: chars(60) }), // exactly 60 → fires
  flagged('S2', { appeal_type: 'help', content: chars(61) }), // 61 → no
  flagged('S3', { appeal_type: 'complaint', content: chars(10) }), // not consult/help → no
  flagged('S4', { appeal_type: 'help', content: `  ${chars(60)}  ` }), // 60 after trimming → fires
  // nonstandard_reply: < 30 chars, or no process word, or no result word, or a boilerplate phrase.
  flagged('R1', { first_reply: replyOf(30) }), // 30 chars with both words → no
  flagged('R2', { first_reply: replyOf(29) }), // 29 → fires (short only)
  flagged('R3', { first_reply: '经核查' + chars(40) }), // no result word → fires
  flagged('R4', { first_reply: replyOf(40) + '请耐心等待' }), // boilerplate → fires
  flagged('R5', { first_reply: null }), // missing reply: length 0, no words → fires with every cause
  // solved_but_unsatisfied: effective category resolved_at_sign.
  flagged('V1', {}, 'resolved_at_sign'), // fires
  flagged('V2', {}, 'resolved_at_sign'), // corrected to unreasonable → no
  flagged('V3', {}, 'unreasonable'), // corrected to resolved_at_sign → fires
  // reasonable_repeat: effective unresolved_reasonable and >= 1 repeat case.
  flagged('P1', { caller_id: 'C-P1', topic_l2: '物业管理', received_at: '2025-01-02 09:00:00' }, 'unresolved_reasonable', '3m'),
  flagged('P2', { caller_id: 'C-P2', topic_l2: '物业管理', received_at: '2025-01-02 09:00:00' }, 'unresolved_reasonable', '3m'),
  flagged('P3', {}, 'unresolved_reasonable', '3m'), // repeat_complaint finding → fires
  flagged('P4', { caller_id: 'C-P4', topic_l2: '物业管理', received_at: '2025-01-02 09:00:00' }, 'unreasonable'), // repeat but not reasonable → no
  // undeclared_out_of_scope: topic in list or content keyword, and not declared.
  flagged('O1', { topic_l2: '涉法涉诉' }), // fires
  flagged('O2', { topic_l2: '涉法涉诉', out_of_scope_declared: true }), // declared → no
  flagged('O3', { content: chars(70) + '要求仲裁', out_of_scope_declared: null }), // keyword, missing = false → fires
  // violation_repeat: topic in list or content keyword, and >= 1 repeat case.
  flagged('X1', { caller_id: 'C-X1', topic_l2: '违法建设', received_at: '2025-01-02 09:00:00' }), // fires
  flagged('X2', { topic_l2: '违法建设' }), // no repeat → no
  flagged('X3', { caller_id: 'C-X3', topic_l2: '环境卫生', content: chars(70) + '工厂夜间偷排污水', received_at: '2025-01-02 09:00:00' }), // fires
];

const data: RawData = {
  units,
  cases: [
    ...fixtures.map((f) => f.case),
    // P1 repeated exactly 30 days later (inside the window); P2 repeated 30 days + 1 minute later (outside).
    repeatOf('P1r', 'C-P1', '物业管理', '2025-02-01 09:00:00'),
    repeatOf('P2r', 'C-P2', '物业管理', '2025-02-01 09:01:00'),
    repeatOf('P4r', 'C-P4', '物业管理', '2025-01-10 09:00:00'),
    repeatOf('X1r', 'C-X1', '违法建设', '2025-01-20 09:00:00'),
    repeatOf('X3r', 'C-X3', '环境卫生', '2025-01-05 09:00:00'),
    // A satisfied case with a short consult: in the lifecycle (dispatched) but never flagged.
    unsatisfiedCase('N1', { appeal_type: 'consult', content: chars(5), satisfaction: 'satisfied' }),
  ],
  events: [...fixtures.flatMap((f) => f.events), ev('N1', 'dispatch', '2025-02-03 09:00:00', 'U1')],
  audits: [
    audit('AV2', 'V2', '2025-03-01 10:00:00', 'classification_inaccurate', { corrected_category: 'unreasonable' }),
    audit('AV3', 'V3', '2025-03-01 10:00:00', 'classification_inaccurate', { corrected_category: 'resolved_at_sign' }),
    audit('AP3', 'P3', '2025-03-01 10:00:00', 'repeat_complaint'),
  ],
};

describe('spot-check flags (SPEC §5), as of 2025-03-31', () => {
  let db: string;
  beforeAll(async () => {
    ({ db } = await seedAndBuild(data, '2025-03-31'));
  });

  it('fires each rule at its threshold and not past it', async () => {
    const rows = await query<{ case_id: string; flags: string[] }>(
      db,
      `select case_id, list(flag order by flag_order) as flags from mart_case_flags group by case_id order by case_id`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.case_id, r.flags]))).toEqual({
      O1: ['undeclared_out_of_scope'],
      O3: ['undeclared_out_of_scope'],
      P1: ['reasonable_repeat'],
      P3: ['reasonable_repeat'],
      R2: ['nonstandard_reply'],
      R3: ['nonstandard_reply'],
      R4: ['nonstandard_reply'],
      R5: ['nonstandard_reply'],
      S1: ['simple_clear'],
      S4: ['simple_clear'],
      V1: ['solved_but_unsatisfied'],
      V3: ['solved_but_unsatisfied'],
      X1: ['violation_repeat'],
      X3: ['violation_repeat'],
    });
  });

  it('explains every flag in Chinese, naming each cause', async () => {
    const reasons = Object.fromEntries(
      (await query<{ case_id: string; reason: string }>(db, `select case_id, reason from mart_case_flags`)).map((r) => [r.case_id, r.reason]),
    );
    expect(reasons.S1).toContain('仅 60 字');
    expect(reasons.R2).toBe('首次答复不规范：答复仅 29 字（少于 30 字）');
    expect(reasons.R3).toMatch(/^首次答复不规范：未说明办理结果/);
    expect(reasons.R4).toBe('首次答复不规范：含套话“请耐心等待”');
    expect(reasons.R5).toMatch(/答复仅 0 字.*未说明办理过程.*未说明办理结果/);
    expect(reasons.V3).toContain('核查更正后');
    expect(reasons.P1).toContain('30 天内同一诉求人就同一事项（物业管理）又来电 1 次');
    expect(reasons.P3).toContain('核查认定为重复投诉');
    expect(reasons.O3).toContain('诉求内容含“仲裁”');
    expect(reasons.X3).toMatch(/内容含“偷排”.*又来电 1 次/);
  });

  it('links repeats over all cases within the window, boundary included', async () => {
    const links = await query(db, `select original_case_id, repeat_case_id, days_between from mart_repeat_links order by 1`);
    expect(links).toEqual([
      { original_case_id: 'P1', repeat_case_id: 'P1r', days_between: 30 },
      { original_case_id: 'P4', repeat_case_id: 'P4r', days_between: 8 },
      { original_case_id: 'X1', repeat_case_id: 'X1r', days_between: 18 },
      { original_case_id: 'X3', repeat_case_id: 'X3r', days_between: 3 },
    ]);
  });

  it('returns flags() in SPEC §8 shape: month = dispatch month, flags in table order with aligned reasons', async () => {
    const reader = createReader(db);
    try {
      const all = await flags(reader, {});
      expect(all.map((r) => r.case_id)).toEqual(['O1', 'O3', 'P1', 'P3', 'R2', 'R3', 'R4', 'R5', 'S1', 'S4', 'V1', 'V3', 'X1', 'X3']);
      expect(all[0]).toEqual({ case_id: 'O1', unit_id: 'U1', month: '2025-02', flags: ['undeclared_out_of_scope'], reasons: [expect.stringContaining('涉法涉诉')] });
      expect(await flags(reader, { month: '2025-03' })).toEqual([]);
    } finally {
      reader.close();
    }
  });
});

describe('several flags on one case, and hotspots', () => {
  it('lists flags in SPEC table order with one reason each', async () => {
    // Q1: consult, 20 chars mentioning 法院 → simple_clear (20 <= 60) and undeclared_out_of_scope (keyword);
    //     reply "已转交相关部门" → nonstandard_reply (7 chars, no process or result word, boilerplate).
    const q = flagged('Q1', { appeal_type: 'consult', content: chars(18) + '法院', first_reply: '已转交相关部门' });
    const { db } = await seedAndBuild({ units, cases: [q.case], events: q.events }, '2025-02-28');
    const reader = createReader(db);
    try {
      const [row] = await flags(reader, { month: '2025-02' });
      expect(row.flags).toEqual(['simple_clear', 'nonstandard_reply', 'undeclared_out_of_scope']);
      expect(row.reasons).toHaveLength(3);
      expect(row.reasons[1]).toBe('首次答复不规范：答复仅 7 字（少于 30 字）；未说明办理过程（不含经核查、经查、现场、核实、调查、联系等用语）；未说明办理结果（不含已解决、已处理、已完成、已整改、结果、办结等用语）；含套话“已转交相关部门”');
    } finally {
      reader.close();
    }
  });

  it('finds a hotspot at 5 distinct callers on one street and topic in a month, not at 4', async () => {
    const on = (id: string, caller: string, street: string, at: string) =>
      unsatisfiedCase(id, { caller_id: caller, street, topic_l2: '噪声扰民', received_at: at, satisfaction: 'satisfied' });
    const cases = [
      // 梅园街道, March: callers K1..K5 (K1 twice) → 5 callers, 6 cases → hotspot.
      ...['K1', 'K2', 'K3', 'K4', 'K5'].map((c, i) => on(`H${i}`, c, '梅园街道', `2025-03-0${i + 1} 10:00:00`)),
      on('H5', 'K1', '梅园街道', '2025-03-20 10:00:00'),
      // 新街口街道: 4 callers in March plus a 5th on 1 April → no hotspot in either month.
      ...['K1', 'K2', 'K3', 'K4'].map((c, i) => on(`J${i}`, c, '新街口街道', `2025-03-1${i} 10:00:00`)),
      on('J4', 'K5', '新街口街道', '2025-04-01 00:00:00'),
    ];
    const { db } = await seedAndBuild({ units, cases }, '2025-04-30');
    expect(await query(db, `select strftime(month, '%Y-%m') as month, place, topic_l2, callers, cases from mart_hotspots`)).toEqual([
      { month: '2025-03', place: '梅园街道', topic_l2: '噪声扰民', callers: 5, cases: 6 },
    ]);
  });
});
