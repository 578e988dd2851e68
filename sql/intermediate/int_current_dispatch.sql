-- model: int_current_dispatch
-- grain: one row per case with at least one dispatch event
-- depends: stg_events
-- columns: case_id, unit_id (the responsible unit: latest dispatch by at, then event_id), dispatch_event_id,
--   dispatched_at, dispatch_date, dispatch_month (accurate-receipt month), dispatch_count (re-dispatches + 1)
with dispatches as (
  select case_id, event_id, unit_id, event_at
  from stg_events
  where type = 'dispatch'
),
numbered as (
  select *,
    row_number() over (partition by case_id order by event_at desc, event_id desc) as recency,
    count(*) over (partition by case_id) as dispatch_count
  from dispatches
),
current_dispatch as (
  select
    case_id,
    unit_id,
    event_id as dispatch_event_id,
    event_at as dispatched_at,
    event_at::date as dispatch_date,
    date_trunc('month', event_at)::date as dispatch_month,
    dispatch_count::integer as dispatch_count
  from numbered
  where recency = 1
)
select * from current_dispatch
