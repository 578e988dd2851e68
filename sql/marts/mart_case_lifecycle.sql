-- model: mart_case_lifecycle
-- grain: one row per lifecycle case: every case rated unsatisfied plus any case with a dispatch event
-- depends: stg_cases, int_current_dispatch, int_case_signs, int_case_promised_due, int_case_findings, int_sign_deadlines,
--   int_case_extensions, int_case_contacts, int_case_resolution, stg_events, rules_settings
-- columns: case_id, unit_id (current dispatch's unit, else the case's), dispatch_event_id, dispatched_at, dispatch_month,
--   dispatch_count, signed_at, sign_deadline, signed_on_time (null = calendar unknown), signed_category, effective_category,
--   category_corrected, classification_inaccurate, tier, tier_due, explicit_due, promised_due, promised_due_source,
--   working_due (latest approved extension, else promised), due_used (per extensionPolicy), extension_requests,
--   extensions_approved, contact_count, valid_contact_count, last_contact_at (valid), resolve_count, refuted_resolve_count,
--   resolved_at, resolved_date, resolved_on_time (null without a due date), finding_count, has_overdue_finding,
--   archived_at, status (undispatched/unsigned/closed_at_sign/resolved/in_progress), plus the case's attributes
with case_rows as (
  -- unsatisfied cases (a pushed-down scan filter: wide columns are read for those rows only), plus the rare
  -- dispatched case rated otherwise
  select * from stg_cases where satisfaction = 'unsatisfied'
  union all
  select c.* from stg_cases c
  semi join (
    select d.case_id from int_current_dispatch d
    anti join (select case_id from stg_cases where satisfaction = 'unsatisfied') u using (case_id)
  ) x using (case_id)
),
population as (
  -- a dispatch whose case row is missing still makes a lifecycle case
  select case_id from case_rows
  union all
  select case_id from int_current_dispatch anti join stg_cases using (case_id)
),
contacts as (
  select case_id, count(*)::integer as contact_count, count_if(not refuted)::integer as valid_contact_count,
    max(event_at) filter (where not refuted) as last_contact_at
  from int_case_contacts
  group by case_id
),
archives as (
  select case_id, min(event_at) as archived_at from stg_events where type = 'archive' group by case_id
),
joined as (
  select
    p.case_id,
    coalesce(d.unit_id, c.unit_id) as unit_id,
    d.dispatch_event_id, d.dispatched_at, d.dispatch_month, d.dispatch_count,
    s.signed_at, dl.sign_deadline,
    s.signed_category, pd.effective_category, pd.category_corrected,
    coalesce(f.classification_inaccurate, false) as classification_inaccurate,
    s.tier, pd.tier_due, pd.explicit_due, pd.promised_due, pd.promised_due_source,
    case when pd.promised_due is not null then coalesce(x.latest_approved_due, pd.promised_due) end as working_due,
    coalesce(x.extension_requests, 0) as extension_requests,
    coalesce(x.extensions_approved, 0) as extensions_approved,
    coalesce(k.contact_count, 0) as contact_count,
    coalesce(k.valid_contact_count, 0) as valid_contact_count,
    k.last_contact_at,
    coalesce(r.resolve_count, 0) as resolve_count,
    coalesce(r.refuted_resolve_count, 0) as refuted_resolve_count,
    r.resolved_at, r.resolved_date,
    coalesce(f.finding_count, 0) as finding_count,
    coalesce(f.has_overdue_finding, false) as has_overdue_finding,
    a.archived_at,
    c.satisfaction, c.received_at, c.channel, c.caller_id, c.district, c.street, c.address, c.appeal_type,
    c.topic_l1, c.topic_l2, c.content, c.out_of_scope_declared, c.first_reply, c.closed_at, c.evaluated_at
  from population p
  left join case_rows c using (case_id)
  left join int_current_dispatch d using (case_id)
  left join int_case_signs s using (case_id)
  left join int_case_promised_due pd using (case_id)
  left join int_case_findings f using (case_id)
  left join int_sign_deadlines dl using (case_id)
  left join int_case_extensions x using (case_id)
  left join contacts k using (case_id)
  left join int_case_resolution r using (case_id)
  left join archives a using (case_id)
),
derived as (
  select j.*,
    case when j.sign_deadline is not null then coalesce(j.signed_at::date <= j.sign_deadline, false) end as signed_on_time,
    case when rs.extension_policy = 'latest' then j.working_due else j.promised_due end as due_used,
    case
      when j.dispatched_at is null then 'undispatched'
      when j.signed_at is null then 'unsigned'
      when j.effective_category <> 'unresolved_reasonable' then 'closed_at_sign'
      when j.resolved_at is not null then 'resolved'
      else 'in_progress'
    end as status
  from joined j
  cross join rules_settings rs
),
final as (
  select *,
    case when due_used is not null then coalesce(resolved_date <= due_used, false) and not has_overdue_finding end as resolved_on_time
  from derived
)
select * from final
