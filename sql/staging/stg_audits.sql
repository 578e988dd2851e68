-- model: stg_audits
-- grain: one row per audit finding made before the as-of end
-- materialized: view
-- depends: raw_audits, build_params
-- columns: audit_id, case_id, audited_at, method, auditor, finding, event_id, corrected_category, note, rectification_due, rectified_at
with params as (
  select as_of_end from build_params
),
audits as (
  select audit_id, case_id, audited_at, method, auditor, finding, event_id, corrected_category, note, rectification_due, rectified_at
  from raw_audits
  where audited_at < (select as_of_end from params)
)
select * from audits
