-- model: int_audit_findings
-- grain: one row per audit finding made before the as-of end
-- depends: stg_audits, stg_events
-- columns: the stg_audits columns plus refuted_event_id: the contact (fake_contact) or resolve (fake_resolution)
--   event the finding refutes — the named event_id, else the case's latest such event at or before audited_at
with findings as (
  select * from stg_audits
),
implicit_targets as (
  select f.audit_id, e.event_id as target_event_id
  from findings f
  join stg_events e
    on e.case_id = f.case_id
   and e.type = case f.finding when 'fake_contact' then 'contact' else 'resolve' end
   and e.event_at <= f.audited_at
  where f.event_id is null and f.finding in ('fake_contact', 'fake_resolution')
  qualify row_number() over (partition by f.audit_id order by e.event_at desc, e.event_id desc) = 1
),
with_targets as (
  select
    f.*,
    case when f.finding in ('fake_contact', 'fake_resolution') then coalesce(f.event_id, t.target_event_id) end as refuted_event_id
  from findings f
  left join implicit_targets t using (audit_id)
)
select * from with_targets
