-- model: int_case_contacts
-- grain: one row per contact event (any unit)
-- depends: stg_events, int_refuted_events
-- columns: case_id, event_id, event_at, month, unit_id, method, refuted (named or implied by a fake_contact finding)
with contacts as (
  select case_id, event_id, event_at, date_trunc('month', event_at)::date as month, unit_id, method
  from stg_events
  where type = 'contact'
),
marked as (
  select c.*, r.event_id is not null as refuted
  from contacts c
  left join int_refuted_events r on r.event_id = c.event_id and r.finding = 'fake_contact'
)
select * from marked
