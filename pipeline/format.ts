// Display formatting shared by the CLI tables and the web app: one place decides how a rate,
// count, month or date looks. Pure functions, no Node APIs (the browser imports this too).

export const DASH = '—';

/** 0.8534 → "85.3%"; null (denominator 0) → "—". */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return DASH;
  return `${(rate * 100).toFixed(digits)}%`;
}

/** 12345 → "12,345". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

/** Numerator over denominator: "12/15". */
export function formatNumDen(num: number, den: number): string {
  return `${formatCount(num)}/${formatCount(den)}`;
}

/** Change between two rates in percentage points: +0.021 → "+2.1 个百分点"; unknown → "—". */
export function formatDeltaPoints(now: number | null, before: number | null): string {
  if (now === null || before === null) return DASH;
  const d = Math.round((now - before) * 1000) / 10; // one decimal of a percentage point
  if (d === 0) return '0.0 个百分点';
  return `${d > 0 ? '+' : ''}${d.toFixed(1)} 个百分点`;
}

/** Wilson interval as "[78.1%, 90.2%]". */
export function formatInterval(lo: number | null, hi: number | null): string {
  if (lo === null || hi === null) return DASH;
  return `[${formatRate(lo)}, ${formatRate(hi)}]`;
}

/** "2025-03" or "2025-03-01" → "2025年3月". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return DASH;
  const m = /^(\d{4})-(\d{2})/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** A zoneless local timestamp "2025-03-04 09:30:00(.000)" → "2025-03-04 09:30"; a date stays a date. */
export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return DASH;
  return ts.length > 16 ? ts.slice(0, 16) : ts;
}

export function formatDate(ts: string | null | undefined): string {
  if (!ts) return DASH;
  return ts.slice(0, 10);
}

/** Month key "YYYY-MM" from a date or timestamp string. */
export function monthKey(d: string): string {
  return d.slice(0, 7);
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Chinese labels of the codes the product shows (SPEC §2, §5, §7). */
export const LABELS = {
  indicator: { accurate_receipt: '准确签收率', on_time_contact: '按时联系率', on_time_solving: '按时解决率' },
  category: {
    unresolved_reasonable: '未解决的合理诉求', unreasonable: '不合理诉求', litigation: '诉讼解决',
    resolved_at_sign: '签收解决', one_time: '一次性投诉',
  },
  tier: { current_month: '当月', '2m': '2个月', '3m': '3个月', '6m': '6个月', long_term: '长期' },
  status: { undispatched: '未派发', unsigned: '未签收', in_progress: '办理中', resolved: '已解决', closed_at_sign: '签收即办结' },
  flag: {
    simple_clear: '简单明了诉求不满意', nonstandard_reply: '答复不规范', solved_but_unsatisfied: '已解决仍不满意',
    reasonable_repeat: '合理诉求重复投诉', undeclared_out_of_scope: '应申报非受理范围', violation_repeat: '疑似违法未处理且重复投诉',
  },
  warning: {
    unsigned_overdue: '超时未签收', contact_due: '本月应联系未联系', due_soon: '7日内到期',
    overdue: '超期未解决', third_extension: '第3次延期', fourth_extension: '第4次延期申请',
  },
  unitType: { district_bureau: '区级部门', street: '街道', city_bureau: '市级部门', enterprise: '公共企事业单位' },
  eventType: { dispatch: '派发', sign: '签收', contact: '联系诉求人', extension: '延期', resolve: '解决', archive: '入库闭环' },
  finding: {
    no_issue: '无问题', classification_inaccurate: '判定不准确', fake_contact: '虚假联系',
    fake_resolution: '虚假解决', overdue_resolution: '超期解决', repeat_complaint: '重复投诉',
  },
  scope: { unit: '单位', district: '区', unit_type: '单位类型', city: '全市' },
  appealType: { consult: '咨询', help: '求助', complaint: '投诉举报', suggestion: '意见建议', other: '其他' },
  contactMethod: { phone: '电话', visit: '上门', sms: '短信', other: '其他' },
  auditMethod: { callback: '回访', onsite: '实地查看', document: '材料核查' },
  dueSource: { tier: '按解决时限推算', explicit: '签收时承诺的日期' },
} as const;

/** Label of a code in one of the tables above; unknown codes show as themselves. */
export function label(kind: keyof typeof LABELS, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return DASH;
  return (LABELS[kind] as Record<string, string>)[code] ?? code;
}
