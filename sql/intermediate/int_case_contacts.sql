-- model: int_case_contacts
-- grain: one row per contact event (any unit)
-- depends: stg_events, int_audit_findings
-- columns: case_id, event_id, event_at, month, unit_id, method, refuted (named or implied by a fake_contact finding)
with contacts as (
  select case_id, event_id, event_at, date_trunc('month', event_at)::date as month, unit_id, method
  from stg_events
  where type = 'contact'
),
refuted as (
  select distinct refuted_event_id as event_id
  from int_audit_findings
  where finding = 'fake_contact' and refuted_event_id is not null
),
marked as (
  select c.*, r.event_id is not null as refuted
  from contacts c
  left join refuted r using (event_id)
)
select * from marked
