-- model: stg_cases
-- grain: one row per case (work order) received before the as-of end (or with no received_at)
-- materialized: view
-- depends: raw_cases, build_params
-- columns: the raw_cases columns without load bookkeeping; identifiers and place names trimmed, empty → null
with params as (
  select as_of_end from build_params
),
cases as (
  select
    case_id,
    received_at,
    channel,
    nullif(trim(caller_id), '') as caller_id,
    caller_name,
    caller_phone,
    nullif(trim(district), '') as district,
    nullif(trim(street), '') as street,
    nullif(trim(address), '') as address,
    appeal_type,
    nullif(trim(topic_l1), '') as topic_l1,
    nullif(trim(topic_l2), '') as topic_l2,
    content,
    nullif(trim(unit_id), '') as unit_id,
    out_of_scope_declared,
    first_reply,
    closed_at,
    satisfaction,
    evaluated_at
  from raw_cases
  where received_at is null or received_at < (select as_of_end from params)
)
select * from cases
