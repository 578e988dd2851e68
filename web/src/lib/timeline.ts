// The 办理时间线 of a case: its events in time order, with the promised and working due dates
// placed where they fall. Shared by the case page and its export (views.ts), so both show the
// same steps.
import { DASH, formatDate, label } from '../../../pipeline/format.ts';
import type { CaseDetail } from '../../../pipeline/query/cases.ts';

export interface Step { at: string; title: string; text: string; kind: 'event' | 'due'; refuted: boolean }

export function timelineSteps(detail: Pick<CaseDetail, 'events' | 'lifecycle'>): Step[] {
  const c = detail.lifecycle as Record<string, unknown>;
  const steps: Step[] = detail.events.map((e) => {
    let text = '';
    if (e.type === 'sign') text = [label('category', e.category), e.tier ? `时限 ${label('tier', e.tier)}` : '', e.promised_due ? `签收时承诺 ${e.promised_due}` : ''].filter(Boolean).join('，');
    if (e.type === 'contact') text = [label('contactMethod', e.method), e.note ?? ''].filter((x) => x && x !== DASH).join('：');
    if (e.type === 'extension') text = `延期至 ${e.new_due ?? DASH}，${e.approved === null ? '待审批' : e.approved ? '已批准' : '未批准'}`;
    if (e.type === 'resolve') text = e.note ?? '';
    if (e.unit_id) text = `${e.unit_id}${text ? ' · ' + text : ''}`;
    return { at: String(e.at), title: label('eventType', e.type), text, kind: 'event' as const, refuted: Boolean(e.refuted) };
  });
  if (c.due_used) steps.push({ at: `${formatDate(String(c.due_used))} 23:59:59`, title: '承诺解决期限', text: `按时解决率使用的到期日（${label('dueSource', c.promised_due_source as string)}）`, kind: 'due', refuted: false });
  if (c.working_due && c.working_due !== c.due_used) steps.push({ at: `${formatDate(String(c.working_due))} 23:59:59`, title: '工作到期日（含延期）', text: '经批准延期后的到期日', kind: 'due', refuted: false });
  return steps.sort((a, b) => a.at.localeCompare(b.at));
}
