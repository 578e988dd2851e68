-- model: stg_events
-- grain: one row per re-handling event that happened before the as-of end
-- materialized: view
-- depends: raw_events, build_params
-- columns: event_id, case_id, type, event_at (raw "at", renamed: AT is an SQL keyword), unit_id, category, tier, promised_due, method, note, new_due, approved, decided_at
with params as (
  select as_of_end from build_params
),
events as (
  select event_id, case_id, type, "at" as event_at, unit_id, category, tier, promised_due, method, note, new_due, approved, decided_at
  from raw_events
  where "at" < (select as_of_end from params)
)
select * from events
