// Queries of the 工单详情 page: one case's lifecycle, its events as a timeline, audit findings,
// flags, indicator memberships and repeat links. Personal data is masked here (mask.ts).
import type { Reader } from './core.ts';
import type { Row } from '../db.ts';
import { maskAddress, maskName, maskPhone, maskText } from './mask.ts';

export interface TimelineEvent {
  event_id: string; type: string; at: string; unit_id: string | null; category: string | null; tier: string | null;
  promised_due: string | null; method: string | null; note: string | null; new_due: string | null;
  approved: boolean | null; decided_at: string | null; refuted: boolean;
}
export interface Finding { audit_id: string; audited_at: string; method: string | null; auditor: string | null; finding: string; event_id: string | null; corrected_category: string | null; note: string | null }
export interface CaseDetail {
  lifecycle: Row;
  person: { caller_name: string | null; caller_phone: string | null; address: string | null };
  events: TimelineEvent[];
  findings: Finding[];
  flags: Array<{ flag: string; reason: string }>;
  indicators: Array<{ indicator: string; month: string; in_numerator: boolean; why: string | null }>;
  repeats: Array<{ role: 'original' | 'repeat'; case_id: string; days_between: number; topic_l2: string | null }>;
  warnings: Array<{ warning: string; due_date: string | null; detail: string | null }>;
}

const AS_OF_END = '(select as_of::date + 1 from build_info limit 1)';

export async function caseDetail(reader: Reader, caseId: string): Promise<CaseDetail | null> {
  const p = { id: caseId };
  const [lifecycle] = await reader.rows('select * from mart_case_lifecycle where case_id = $id', p);
  if (!lifecycle) return null;
  for (const k of ['content', 'first_reply']) if (typeof lifecycle[k] === 'string') lifecycle[k] = maskText(lifecycle[k] as string);
  for (const k of ['caller_name', 'caller_phone', 'address']) delete lifecycle[k]; // shown masked, below
  const [raw] = await reader.rows<{ caller_name: string | null; caller_phone: string | null; address: string | null }>(
    'select caller_name, caller_phone, address from raw_cases where case_id = $id', p,
  );
  // Events later than the as-of date have "not yet happened" for every model (sql/README.md).
  const events = await reader.rows<TimelineEvent>(
    `select e.event_id, e.type, e."at", e.unit_id, e.category, e.tier, e.promised_due, e.method, e.note, e.new_due, e.approved, e.decided_at,
       exists (select 1 from raw_audits a where a.event_id = e.event_id and a.finding in ('fake_contact', 'fake_resolution')
               and a.audited_at < ${AS_OF_END}) as refuted
     from raw_events e where e.case_id = $id and e."at" < ${AS_OF_END} order by e."at", e.event_id`,
    p,
  );
  for (const e of events) e.note = maskText(e.note);
  const findings = await reader.rows<Finding>(
    `select audit_id, audited_at, method, auditor, finding, event_id, corrected_category, note
     from raw_audits where case_id = $id and audited_at < ${AS_OF_END} order by audited_at, audit_id`,
    p,
  );
  for (const f of findings) f.note = maskText(f.note);
  const flags = await reader.rows<{ flag: string; reason: string }>('select flag, reason from mart_case_flags where case_id = $id order by flag', p);
  const indicators = await reader.rows<CaseDetail['indicators'][number]>(
    "select indicator, strftime(month, '%Y-%m') as month, in_numerator, why from mart_indicator_cases where case_id = $id order by month, indicator",
    p,
  );
  const repeats = await reader.rows<CaseDetail['repeats'][number]>(
    `select 'original' as role, original_case_id as case_id, days_between, topic_l2 from mart_repeat_links where repeat_case_id = $id
     union all
     select 'repeat', repeat_case_id, days_between, topic_l2 from mart_repeat_links where original_case_id = $id
     order by role, case_id`,
    p,
  );
  const warnings = await reader.rows<CaseDetail['warnings'][number]>(
    'select warning, due_date, detail from mart_early_warnings where case_id = $id order by warning', p,
  );
  return {
    lifecycle,
    person: { caller_name: maskName(raw?.caller_name), caller_phone: maskPhone(raw?.caller_phone), address: maskAddress(raw?.address) },
    events, findings, flags, indicators, repeats, warnings,
  };
}
