// Every table of the dashboard, once: its title, columns and the query that fills it. A page shows
// one page of rows; the export endpoint calls the same `fetch` with the same URL filters and
// pageSize 0 (all rows), so a download holds exactly the rows the user is looking at.
import type { Reader } from '../../../../pipeline/query/core.ts';
import type { Page, Paging } from '../../../../pipeline/query/paging.ts';
import type { Column } from '../table.ts';
import { unitIndicators, cases, type UnitRow } from '../../../../pipeline/query/units.ts';
import { error } from '@sveltejs/kit';
import { warnings, warningsByUnit } from '../../../../pipeline/query/warnings.ts';
import { caseDetail } from '../../../../pipeline/query/cases.ts';
import { flaggedCases } from '../../../../pipeline/query/flags.ts';
import { loads, rejectRows } from '../../../../pipeline/query/datahealth.ts';
import { cityTrend, warningCounts } from '../../../../pipeline/query/overview.ts';
import { currentBuildInfo } from './reader.ts';
import { decode, FLAG_LIST, UNIT, UNITS, WARNING_LIST, WARNINGS } from '../urlstate.ts';
import { timelineSteps } from '../timeline.ts';
import { label } from '../../../../pipeline/format.ts';
import { MIN_DEN, wilson } from '../stats.ts';

type Row = Record<string, unknown>;
export interface View {
  title: string;
  columns: Column[];
  fetch(reader: Reader, params: URLSearchParams, paging: Paging): Promise<Page<Row>>;
}

/** The month the user asked for, else the default month (the last complete one: overview.ts). */
export async function monthOrDefault(m: string): Promise<string> {
  return m || (await currentBuildInfo()).defaultMonth;
}

/** All rows as one page, sliced like a page (for queries that return every row). */
function sliced(rows: Row[], paging: Paging): Page<Row> {
  if (paging.pageSize === 0) return { rows, total: rows.length, page: 1, pageSize: rows.length };
  const pageSize = paging.pageSize ?? 50;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(Math.max(1, paging.page ?? 1), pages);
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
}

/** The case of the case page's tables (`id`), 404 when unknown. */
async function caseOf(reader: Reader, params: URLSearchParams) {
  const id = params.get('id') ?? '';
  const detail = id ? await caseDetail(reader, id) : null;
  if (!detail) error(404, `没有这个工单 / no such case: ${id}`);
  return detail;
}

/** Typed query rows seen as generic rows, for columns that address them by key. */
const asRows = <T extends object>(page: Promise<Page<T>>) => page as unknown as Promise<Page<Row>>;

const indicatorColumns = (p: string, name: string): Column[] => [
  { key: `${p}_num`, label: `${name}分子`, kind: 'count' },
  { key: `${p}_den`, label: `${name}分母`, kind: 'count' },
  { key: `${p}_rate`, label: name, kind: 'rate' },
  { key: `${p}_lo`, label: `${name} 95%下限`, kind: 'rate' },
  { key: `${p}_hi`, label: `${name} 95%上限`, kind: 'rate' },
];

/** Adds the Wilson interval of each indicator to a unit row. */
function withIntervals(r: UnitRow): Row {
  const out: Row = { ...r };
  for (const p of ['ar', 'otc', 'ots'] as const) {
    const w = wilson(r[`${p}_num`], r[`${p}_den`]);
    out[`${p}_lo`] = w?.lo ?? null;
    out[`${p}_hi`] = w?.hi ?? null;
  }
  return out;
}

export const VIEWS: Record<string, View> = {
  units: {
    title: '单位指标',
    columns: [
      { key: 'unit_id', label: '单位编号' }, { key: 'unit_name', label: '单位名称' },
      { key: 'unit_type', label: '单位类型', kind: 'code', code: 'unitType' }, { key: 'district', label: '所属区' }, { key: 'month', label: '月份' },
      ...indicatorColumns('ar', '准确签收率'), ...indicatorColumns('otc', '按时联系率'), ...indicatorColumns('ots', '按时解决率'),
    ],
    async fetch(reader, params, paging) {
      const s = decode(UNITS, params);
      const month = await monthOrDefault(s.m);
      const page = await unitIndicators(reader, { month, district: s.d, unitType: s.t, sort: s.s, order: s.o as 'asc' | 'desc', minDen: MIN_DEN }, paging);
      return { ...page, rows: page.rows.map(withIntervals) };
    },
  },
  cases: {
    title: '单位工单',
    columns: [
      { key: 'case_id', label: '工单编号' }, { key: 'unit_id', label: '承办单位编号' }, { key: 'dispatch_month', label: '派发月份' },
      { key: 'dispatched_at', label: '派发时间', kind: 'datetime' }, { key: 'signed_at', label: '签收时间', kind: 'datetime' },
      { key: 'effective_category', label: '签收类别', kind: 'code', code: 'category' }, { key: 'tier', label: '解决时限', kind: 'code', code: 'tier' },
      { key: 'due_used', label: '承诺解决日期' }, { key: 'working_due', label: '延期后到期日' }, { key: 'status', label: '状态', kind: 'code', code: 'status' },
      { key: 'resolved_at', label: '解决时间', kind: 'datetime' }, { key: 'valid_contact_count', label: '有效联系次数', kind: 'count' },
      { key: 'extension_requests', label: '延期申请次数', kind: 'count' }, { key: 'topic_l2', label: '二级分类' },
      { key: 'flags', label: '抽查类别', kind: 'codes', code: 'flag' }, { key: 'content', label: '诉求内容（节选）', kind: 'excerpt' },
    ],
    fetch(reader, params, paging) {
      const s = decode(UNIT, params);
      return asRows(cases(reader, { unitId: params.get('u') ?? '', month: s.m, category: s.c, tier: s.r, status: s.st, flag: s.f }, paging));
    },
  },
  warnings: {
    title: '预警清单',
    columns: [
      { key: 'warning', label: '预警类型', kind: 'code', code: 'warning' }, { key: 'case_id', label: '工单编号' },
      { key: 'unit_id', label: '单位编号' }, { key: 'unit_name', label: '单位名称' }, { key: 'due_date', label: '到期日' }, { key: 'detail', label: '说明' },
    ],
    fetch(reader, params, paging) {
      const s = decode(WARNING_LIST, params);
      return asRows(warnings(reader, { warning: s.w, unitId: s.u }, paging));
    },
  },
  // Overview: warnings in force per type (as-of date; no filters).
  warningCounts: {
    title: '预警统计',
    columns: [{ key: 'code', label: '预警类型', kind: 'code', code: 'warning' }, { key: 'n', label: '工单数', kind: 'count' }],
    async fetch(reader, params, paging) {
      return sliced((await warningCounts(reader)) as unknown as Row[], paging);
    },
  },
  // Overview (top units) and /warnings (按单位): per unit, how many cases carry each warning; `w` filters.
  warnedUnits: {
    title: '单位预警统计',
    columns: [
      { key: 'unit_id', label: '单位编号' }, { key: 'unit_name', label: '单位名称' },
      ...WARNINGS.map((w): Column => ({ key: `n_${w}`, label: label('warning', w), kind: 'count' })),
      { key: 'total', label: '合计', kind: 'count' },
    ],
    async fetch(reader, params, paging) {
      const s = decode(WARNING_LIST, params);
      const rows = (await warningsByUnit(reader, { warning: s.w })).map((u) => ({
        unit_id: u.unit_id, unit_name: u.unit_name, total: u.total, counts: u.counts,
        ...Object.fromEntries(WARNINGS.map((w) => [`n_${w}`, u.counts[w] ?? null])),
      }));
      return sliced(rows, paging);
    },
  },
  // Case page: the 办理时间线 (events and due dates, timeline.ts) and the audit findings of case `id`.
  timeline: {
    title: '办理时间线',
    columns: [
      { key: 'case_id', label: '工单编号' }, { key: 'at', label: '时间', kind: 'datetime' }, { key: 'title', label: '事项' },
      { key: 'text', label: '说明' }, { key: 'refuted', label: '经核查不予认定' },
    ],
    async fetch(reader, params, paging) {
      const detail = await caseOf(reader, params);
      const caseId = params.get('id');
      return sliced(timelineSteps(detail).map((s) => ({ case_id: caseId, ...s, refuted: s.refuted ? '是' : '' })), paging);
    },
  },
  findings: {
    title: '核查结论',
    columns: [
      { key: 'case_id', label: '工单编号' }, { key: 'audited_at', label: '核查时间', kind: 'datetime' },
      { key: 'method', label: '方式', kind: 'code', code: 'auditMethod' }, { key: 'auditor', label: '核查人' },
      { key: 'finding', label: '结论', kind: 'code', code: 'finding' }, { key: 'event_id', label: '针对事件' },
      { key: 'corrected_category', label: '更正类别', kind: 'code', code: 'category' }, { key: 'note', label: '备注' },
    ],
    async fetch(reader, params, paging) {
      const detail = await caseOf(reader, params);
      return sliced(detail.findings.map((f) => ({ case_id: params.get('id'), ...f })), paging);
    },
  },
  // 抽查 page: flagged cases of a month (the auditors' list).
  flags: {
    title: '抽查工单',
    columns: [
      { key: 'month', label: '月份' }, { key: 'case_id', label: '工单编号' }, { key: 'unit_id', label: '单位编号' },
      { key: 'unit_name', label: '单位名称' }, { key: 'district', label: '所属区' }, { key: 'dispatched_at', label: '派发时间', kind: 'datetime' },
      { key: 'effective_category', label: '签收类别', kind: 'code', code: 'category' }, { key: 'status', label: '状态', kind: 'code', code: 'status' },
      { key: 'topic_l2', label: '二级分类' }, { key: 'flags', label: '抽查类别', kind: 'codes', code: 'flag' },
      { key: 'reasons', label: '原因' }, { key: 'content', label: '诉求内容（节选）', kind: 'excerpt' },
    ],
    async fetch(reader, params, paging) {
      const s = decode(FLAG_LIST, params);
      const month = await monthOrDefault(s.m);
      return asRows(flaggedCases(reader, { month, flag: s.f, unitId: s.u, district: s.d }, paging));
    },
  },
  city: {
    title: '全市指标趋势',
    columns: [
      { key: 'month', label: '月份' }, { key: 'partial', label: '不完整月' },
      ...['ar', 'otc', 'ots'].flatMap((p, i) => indicatorColumns(p, ['准确签收率', '按时联系率', '按时解决率'][i]).slice(0, 3)),
    ],
    async fetch(reader, params) {
      const month = await monthOrDefault(params.get('m') ?? '');
      const trend = await cityTrend(reader, month, 12);
      const rows = trend.map((t) => ({
        month: t.month, partial: t.partial ? '是' : '否',
        ar_num: t.ar.num, ar_den: t.ar.den, ar_rate: t.ar.rate, otc_num: t.otc.num, otc_den: t.otc.den, otc_rate: t.otc.rate,
        ots_num: t.ots.num, ots_den: t.ots.den, ots_rate: t.ots.rate,
      }));
      return { rows, total: rows.length, page: 1, pageSize: rows.length };
    },
  },
  loads: {
    title: '载入记录',
    columns: [
      { key: 'load_id', label: '载入编号' }, { key: 'file', label: '文件' }, { key: 'kind', label: '类型' }, { key: 'format', label: '格式' },
      { key: 'encoding', label: '编码' }, { key: 'finished_at', label: '完成时间', kind: 'datetime' }, { key: 'rows_read', label: '读取行数', kind: 'count' },
      { key: 'rows_loaded', label: '载入行数', kind: 'count' }, { key: 'rows_rejected', label: '拒绝行数', kind: 'count' }, { key: 'status', label: '状态' },
    ],
    fetch: (reader, params, paging) => asRows(loads(reader, paging)),
  },
  rejects: {
    title: '拒绝行',
    columns: [
      { key: 'file', label: '文件' }, { key: 'line', label: '行号' }, { key: 'column', label: '列' }, { key: 'value', label: '值' }, { key: 'reason', label: '原因' },
    ],
    fetch: (reader, params, paging) => asRows(rejectRows(reader, paging)),
  },
};

/** Columns of the unit page's case table on screen (the export keeps them all). */
/** Columns of the 抽查 page's table on screen (the export keeps them all). */
export const FLAG_SCREEN_COLUMNS = ['case_id', 'unit_name', 'dispatched_at', 'effective_category', 'status', 'flags', 'reasons', 'content'];
export const CASE_SCREEN_COLUMNS = ['case_id', 'dispatched_at', 'signed_at', 'effective_category', 'tier', 'due_used', 'status', 'valid_contact_count', 'extension_requests', 'flags', 'content'];
