-- test: event types and audit findings are the SPEC's codes
select 'event' as kind, event_id as id, type as value from stg_events
where type not in ('dispatch', 'sign', 'contact', 'extension', 'resolve', 'archive')
union all
select 'audit', audit_id, finding from stg_audits
where finding not in ('no_issue', 'classification_inaccurate', 'fake_contact', 'fake_resolution', 'overdue_resolution', 'repeat_complaint')
