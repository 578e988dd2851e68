-- model: int_repeat_links
-- grain: one row per (original, repeat) pair over all cases
-- depends: stg_cases, rules_settings
-- columns: original_case_id, repeat_case_id, caller_id, topic_l2, original_received_at, repeat_received_at, days_between
-- B repeats A: same caller_id, same topic_l2, A.received_at < B.received_at <= A.received_at + repeatWindowDays days.
with cases as (
  select case_id, caller_id, topic_l2, received_at
  from stg_cases
  where caller_id is not null and topic_l2 is not null and received_at is not null
),
pairs as (
  select
    a.case_id as original_case_id,
    b.case_id as repeat_case_id,
    a.caller_id,
    a.topic_l2,
    a.received_at as original_received_at,
    b.received_at as repeat_received_at,
    date_diff('day', a.received_at::date, b.received_at::date)::integer as days_between
  from cases a
  cross join rules_settings r
  join cases b
    on b.caller_id = a.caller_id and b.topic_l2 = a.topic_l2
   and b.received_at > a.received_at
   and b.received_at <= a.received_at + to_days(r.repeat_window_days)
)
select * from pairs
