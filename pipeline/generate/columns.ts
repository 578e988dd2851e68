// The data contract as the generator writes it (SPEC §3): columns of each file, their types, and
// the Chinese headers and value labels used for the "as Excel in China writes it" formats.

export type Kind = 'units' | 'cases' | 'events' | 'audits';
export const KINDS: Kind[] = ['units', 'cases', 'events', 'audits'];

/** A cell: text, a boolean, or null. Timestamps are 'YYYY-MM-DD HH:MM:SS' and dates 'YYYY-MM-DD' strings. */
export type Cell = string | boolean | null;
export type Row = Cell[];

type ColType = 'text' | 'ts' | 'date' | 'bool' | { labels: Record<string, string> };
interface Col { name: string; zh: string; type: ColType }

const L = {
  unit_type: { district_bureau: '区级部门', street: '街道', city_bureau: '市级部门', enterprise: '公共企事业单位' },
  channel: { phone: '电话', web: '网站', wechat: '微信', app: '客户端', other: '其他' },
  appeal_type: { consult: '咨询', help: '求助', complaint: '投诉举报', suggestion: '意见建议', other: '其他' },
  satisfaction: { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意', none: '未评价' },
  type: { dispatch: '派发', sign: '签收', contact: '联系', extension: '延期', resolve: '解决', archive: '归档' },
  category: { unresolved_reasonable: '未解决的合理诉求', unreasonable: '不合理诉求', litigation: '诉讼解决', resolved_at_sign: '签收解决', one_time: '一次性投诉' },
  tier: { current_month: '当月', '2m': '2个月', '3m': '3个月', '6m': '6个月', long_term: '长期' },
  contact_method: { phone: '电话', visit: '上门走访', sms: '短信', other: '其他' },
  audit_method: { callback: '回访', onsite: '实地查看', document: '材料核查' },
  finding: { no_issue: '无问题', classification_inaccurate: '判定不准确', fake_contact: '虚假联系', fake_resolution: '虚假解决', overdue_resolution: '超期解决', repeat_complaint: '重复投诉' },
};

const c = (name: string, zh: string, type: ColType = 'text'): Col => ({ name, zh, type });

export const COLUMNS: Record<Kind, Col[]> = {
  units: [c('unit_id', '承办单位编号'), c('unit_name', '承办单位'), c('unit_type', '单位类型', { labels: L.unit_type }), c('district', '所属区')],
  cases: [
    c('case_id', '工单编号'), c('received_at', '受理时间', 'ts'), c('channel', '来源渠道', { labels: L.channel }),
    c('caller_id', '诉求人编号'), c('caller_name', '诉求人'), c('caller_phone', '联系电话'), c('district', '所属区'),
    c('street', '街道'), c('address', '诉求地址'), c('appeal_type', '诉求类型', { labels: L.appeal_type }),
    c('topic_l1', '一级分类'), c('topic_l2', '二级分类'), c('content', '诉求内容'), c('unit_id', '承办单位编号'),
    c('out_of_scope_declared', '是否申报非受理范围', 'bool'), c('first_reply', '首次答复意见'), c('closed_at', '办结时间', 'ts'),
    c('satisfaction', '评价结果', { labels: L.satisfaction }), c('evaluated_at', '评价时间', 'ts'),
  ],
  events: [
    c('event_id', '事件编号'), c('case_id', '工单编号'), c('type', '事件类型', { labels: L.type }), c('at', '发生时间', 'ts'),
    c('unit_id', '承办单位编号'), c('category', '签收类别', { labels: L.category }), c('tier', '解决时限', { labels: L.tier }),
    c('promised_due', '承诺解决日期', 'date'), c('method', '方式', { labels: L.contact_method }), c('note', '备注'),
    c('new_due', '延期至', 'date'), c('approved', '是否批准', 'bool'), c('decided_at', '审批时间', 'ts'),
  ],
  audits: [
    c('audit_id', '核查编号'), c('case_id', '工单编号'), c('audited_at', '核查时间', 'ts'), c('method', '方式', { labels: L.audit_method }),
    c('auditor', '核查人'), c('finding', '核查结论', { labels: L.finding }), c('event_id', '事件编号'),
    c('corrected_category', '更正类别', { labels: L.category }), c('note', '备注'), c('rectification_due', '整改期限', 'date'),
    c('rectified_at', '整改时间', 'ts'),
  ],
};

/** DuckDB type of each column, for typed Parquet. */
export function duckType(kind: Kind, i: number): string {
  const t = COLUMNS[kind][i].type;
  return t === 'ts' ? 'TIMESTAMP' : t === 'date' ? 'DATE' : t === 'bool' ? 'BOOLEAN' : 'VARCHAR';
}

/** Canonical cell → what a Chinese office export shows: labels for codes, 是/否, 2024/12/25 14:03. */
export function chineseCell(kind: Kind, i: number, v: Cell): string | null {
  if (v === null) return null;
  const t = COLUMNS[kind][i].type;
  if (t === 'bool') return v ? '是' : '否';
  const s = v as string;
  if (t === 'ts') return `${s.slice(0, 4)}/${s.slice(5, 7)}/${s.slice(8, 10)} ${s.slice(11, 16)}`;
  if (t === 'date') return s.replaceAll('-', '/');
  if (typeof t === 'object') return t.labels[s] ?? s;
  return s;
}
