-- model: int_case_extensions
-- grain: one row per case with at least one extension event
-- depends: stg_events, build_params
-- columns: case_id, extension_requests (requests 1, 2, 3, 4 ... in time order), extensions_approved,
--   latest_approved_due (new_due of the latest approved request decided before the as-of end), last_request_at
with requests as (
  select case_id, event_id, event_at, new_due, approved, decided_at,
    row_number() over (partition by case_id order by event_at, event_id) as request_no
  from stg_events
  where type = 'extension'
),
approved as (
  select * from requests
  where approved and coalesce(decided_at, event_at) < (select as_of_end from build_params)
),
per_case as (
  select case_id, count(*)::integer as extension_requests, max(event_at) as last_request_at
  from requests
  group by case_id
),
approved_per_case as (
  select case_id, count(*)::integer as extensions_approved, arg_max(new_due, request_no) as latest_approved_due
  from approved
  group by case_id
),
final as (
  select p.case_id, p.extension_requests, coalesce(a.extensions_approved, 0) as extensions_approved,
    a.latest_approved_due, p.last_request_at
  from per_case p
  left join approved_per_case a using (case_id)
)
select * from final
