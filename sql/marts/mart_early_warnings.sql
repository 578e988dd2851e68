-- model: mart_early_warnings
-- grain: one row per case × warning as of the as-of date (SPEC §7)
-- depends: mart_case_lifecycle, mart_indicator_cases, build_params, rules_settings
-- columns: warning (unsigned_overdue/contact_due/due_soon/overdue/third_extension/fourth_extension), case_id,
--   unit_id, due_date (the date the warning is about), detail (Chinese)
-- Operational view: due_soon and overdue use the working due date (after approved extensions).
with params as (
  select p.as_of, p.as_of_month, r.due_soon_days, r.max_extensions
  from build_params p cross join rules_settings r
),
open_cases as (
  -- re-handled cases not (effectively) resolved yet
  select * from mart_case_lifecycle where status = 'in_progress'
),
unsigned_overdue as (
  select 'unsigned_overdue' as warning, l.case_id, l.unit_id, l.sign_deadline as due_date,
    format('{} 派发，签收期限 {}，截至 {} 未签收', strftime(l.dispatched_at, '%Y-%m-%d'), strftime(l.sign_deadline, '%Y-%m-%d'), strftime(p.as_of, '%Y-%m-%d')) as detail
  from mart_case_lifecycle l cross join params p
  where l.status = 'unsigned' and l.sign_deadline < p.as_of
),
contact_due as (
  select 'contact_due' as warning, i.case_id, i.unit_id, last_day(i.month) as due_date,
    format('本月（{}）应联系诉求人，尚无有效联系', strftime(i.month, '%Y-%m')) as detail
  from mart_indicator_cases i cross join params p
  where i.indicator = 'on_time_contact' and i.month = p.as_of_month and not i.in_numerator
),
due_soon as (
  select 'due_soon' as warning, l.case_id, l.unit_id, l.working_due as due_date,
    format('{} 到期（还有 {} 天），尚未解决', strftime(l.working_due, '%Y-%m-%d'), date_diff('day', p.as_of, l.working_due)) as detail
  from open_cases l cross join params p
  where l.working_due >= p.as_of and l.working_due <= p.as_of + p.due_soon_days
),
overdue as (
  select 'overdue' as warning, l.case_id, l.unit_id, l.working_due as due_date,
    format('{} 已到期，超期 {} 天仍未解决', strftime(l.working_due, '%Y-%m-%d'), date_diff('day', l.working_due, p.as_of)) as detail
  from open_cases l cross join params p
  where l.working_due < p.as_of
),
third_extension as (
  select 'third_extension' as warning, l.case_id, l.unit_id, l.working_due as due_date,
    format('已第 {} 次申请延期（最多 {} 次），不得再延期', l.extension_requests, p.max_extensions) as detail
  from open_cases l cross join params p
  where l.extension_requests = p.max_extensions
),
fourth_extension as (
  select 'fourth_extension' as warning, l.case_id, l.unit_id, l.working_due as due_date,
    format('共申请延期 {} 次，超过最多 {} 次的规定', l.extension_requests, p.max_extensions) as detail
  from mart_case_lifecycle l cross join params p
  where l.extension_requests > p.max_extensions
),
all_warnings as (
  select * from unsigned_overdue
  union all select * from contact_due
  union all select * from due_soon
  union all select * from overdue
  union all select * from third_extension
  union all select * from fourth_extension
)
select * from all_warnings
