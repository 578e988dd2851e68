// The loader's vocabulary (SPEC §3, §9): the columns of each kind of file, their types, the
// Chinese header aliases and the Chinese labels of every coded value.

export type Kind = 'units' | 'cases' | 'events' | 'audits';
export const KIND_ORDER: Kind[] = ['units', 'cases', 'events', 'audits'];

/** Code lists: canonical code → accepted labels (matched case-insensitively, after trimming). */
export const CODES = {
  unit_type: { district_bureau: ['区级部门'], street: ['街道'], city_bureau: ['市级部门'], enterprise: ['公共企事业单位', '企事业单位'] },
  channel: { phone: ['电话', '热线'], web: ['网站', '网络', '网上'], wechat: ['微信'], app: ['客户端', '手机应用'], other: ['其他'] },
  appeal_type: { consult: ['咨询'], help: ['求助'], complaint: ['投诉举报', '投诉', '举报'], suggestion: ['意见建议', '建议'], other: ['其他'] },
  satisfaction: { satisfied: ['满意'], basic: ['基本满意'], unsatisfied: ['不满意'], none: ['未评价'] },
  type: { dispatch: ['派发'], sign: ['签收'], contact: ['联系', '联系诉求人'], extension: ['延期'], resolve: ['解决'], archive: ['归档', '入库闭环'] },
  category: {
    unresolved_reasonable: ['未解决的合理诉求'], unreasonable: ['不合理诉求'], litigation: ['诉讼解决'],
    resolved_at_sign: ['签收解决'], one_time: ['一次性投诉'],
  },
  tier: { current_month: ['当月'], '2m': ['2个月', '两个月'], '3m': ['3个月', '三个月'], '6m': ['6个月', '六个月'], long_term: ['长期'] },
  contact_method: { phone: ['电话'], visit: ['上门', '走访', '上门走访'], sms: ['短信'], other: ['其他'] },
  audit_method: { callback: ['回访'], onsite: ['实地查看', '实地'], document: ['材料核查'] },
  finding: {
    no_issue: ['无问题'], classification_inaccurate: ['判定不准确'], fake_contact: ['虚假联系'],
    fake_resolution: ['虚假解决'], overdue_resolution: ['超期解决'], repeat_complaint: ['重复投诉'],
  },
} satisfies Record<string, Record<string, string[]>>;
export type CodeList = keyof typeof CODES;

export const TRUE_WORDS = ['true', '1', '是', 'yes', 'y'];
export const FALSE_WORDS = ['false', '0', '否', 'no', 'n'];

export type ColumnType = 'text' | 'timestamp' | 'date' | 'boolean' | { code: CodeList };
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
}

const text = (name: string, required = false): ColumnSpec => ({ name, type: 'text', required });
const ts = (name: string, required = false): ColumnSpec => ({ name, type: 'timestamp', required });
const date = (name: string): ColumnSpec => ({ name, type: 'date' });
const code = (name: string, list: CodeList, required = false): ColumnSpec => ({ name, type: { code: list }, required });

/** Columns of each kind, in raw-table order (pipeline/schema.sql). Required = the row's key fields. */
export const COLUMNS: Record<Kind, ColumnSpec[]> = {
  units: [text('unit_id', true), text('unit_name'), code('unit_type', 'unit_type'), text('district')],
  cases: [
    text('case_id', true), ts('received_at'), code('channel', 'channel'), text('caller_id'), text('caller_name'),
    text('caller_phone'), text('district'), text('street'), text('address'), code('appeal_type', 'appeal_type'),
    text('topic_l1'), text('topic_l2'), text('content'), text('unit_id'), { name: 'out_of_scope_declared', type: 'boolean' },
    text('first_reply'), ts('closed_at'), code('satisfaction', 'satisfaction'), ts('evaluated_at'),
  ],
  events: [
    text('event_id'), text('case_id', true), code('type', 'type', true), ts('at', true), text('unit_id'),
    code('category', 'category'), code('tier', 'tier'), date('promised_due'), code('method', 'contact_method'),
    text('note'), date('new_due'), { name: 'approved', type: 'boolean' }, ts('decided_at'),
  ],
  audits: [
    text('audit_id', true), text('case_id', true), ts('audited_at', true), code('method', 'audit_method'), text('auditor'),
    code('finding', 'finding', true), text('event_id'), code('corrected_category', 'category'), text('note'),
    date('rectification_due'), ts('rectified_at'),
  ],
};

/** Chinese header → canonical column (SPEC §9, plus the two rectification columns of §3). */
export const HEADER_ALIASES: Record<string, string> = {
  工单编号: 'case_id', 受理时间: 'received_at', 来源渠道: 'channel', 诉求人编号: 'caller_id', 诉求人: 'caller_name',
  联系电话: 'caller_phone', 所属区: 'district', 街道: 'street', 诉求地址: 'address', 诉求类型: 'appeal_type',
  一级分类: 'topic_l1', 二级分类: 'topic_l2', 诉求内容: 'content', 承办单位编号: 'unit_id', 承办单位: 'unit_name',
  单位类型: 'unit_type', 是否申报非受理范围: 'out_of_scope_declared', 首次答复意见: 'first_reply', 办结时间: 'closed_at',
  评价结果: 'satisfaction', 评价时间: 'evaluated_at', 事件编号: 'event_id', 事件类型: 'type', 发生时间: 'at',
  签收类别: 'category', 解决时限: 'tier', 承诺解决日期: 'promised_due', 方式: 'method', 备注: 'note', 延期至: 'new_due',
  是否批准: 'approved', 审批时间: 'decided_at', 核查编号: 'audit_id', 核查时间: 'audited_at', 核查人: 'auditor',
  核查结论: 'finding', 更正类别: 'corrected_category', 整改期限: 'rectification_due', 整改时间: 'rectified_at',
};

/** Canonical name of a header cell: trimmed (incl. BOM), alias-mapped, lower-cased when English. */
export function canonicalHeader(header: string): string {
  const h = header.replace(/^\uFEFF/, '').trim();
  return HEADER_ALIASES[h] ?? h.toLowerCase();
}

/** Kind from the file name (`cases*`, `events*`, `audits*`, `units*`), or null. */
export function kindFromName(baseName: string): Kind | null {
  const n = baseName.toLowerCase();
  return KIND_ORDER.find((k) => n.startsWith(k)) ?? null;
}

/** Kind from the canonical column names present, or null when they match none. */
export function kindFromColumns(cols: Set<string>): Kind | null {
  if (cols.has('audit_id') || cols.has('finding')) return 'audits';
  if (cols.has('type') && cols.has('at')) return 'events';
  if (cols.has('case_id')) return 'cases';
  if (cols.has('unit_id')) return 'units';
  return null;
}

export const ALL_CANONICAL = new Set(Object.values(COLUMNS).flat().map((c) => c.name));
