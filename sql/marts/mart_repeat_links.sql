-- model: mart_repeat_links
-- grain: one row per (original, repeat) pair: repeat_case_id came from the same caller on the same topic_l2
--   within repeatWindowDays after original_case_id
-- depends: int_repeat_links
-- columns: original_case_id, repeat_case_id, caller_id, topic_l2, original_received_at, repeat_received_at, days_between
with links as (
  select original_case_id, repeat_case_id, caller_id, topic_l2, original_received_at, repeat_received_at, days_between
  from int_repeat_links
)
select * from links
