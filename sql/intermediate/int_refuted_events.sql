-- model: int_refuted_events
-- grain: one row per event × refuting finding type (an event refuted by several audits appears once per type)
-- depends: int_audit_findings
-- columns: event_id (the contact or resolve event a fake_contact / fake_resolution finding refutes), finding
-- One place for "which events do not count", read by int_case_contacts and int_case_resolution.
with refuted as (
  select distinct refuted_event_id as event_id, finding
  from int_audit_findings
  where finding in ('fake_contact', 'fake_resolution') and refuted_event_id is not null
)
select * from refuted
