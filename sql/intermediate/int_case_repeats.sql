-- model: int_case_repeats
-- grain: one row per case that has a repeat case (a later complaint repeating it) or a repeat_complaint finding
-- depends: int_repeat_links, int_case_findings
-- columns: case_id, repeat_cases (later cases repeating it), has_repeat_finding, repeats (repeat_cases + 1 when a
--   repeat_complaint finding exists: what the flag thresholds compare against)
with linked as (
  select original_case_id as case_id, count(*)::integer as repeat_cases
  from int_repeat_links
  group by original_case_id
),
found as (
  select case_id from int_case_findings where has_repeat_finding
),
combined as (
  select
    coalesce(l.case_id, f.case_id) as case_id,
    coalesce(l.repeat_cases, 0) as repeat_cases,
    f.case_id is not null as has_repeat_finding,
    coalesce(l.repeat_cases, 0) + (f.case_id is not null)::integer as repeats
  from linked l
  full join found f using (case_id)
)
select * from combined
