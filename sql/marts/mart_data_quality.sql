-- model: mart_data_quality
-- grain: one row per case × data-quality issue
-- depends: mart_case_lifecycle, stg_events, int_current_dispatch
-- columns: case_id, issue (explicit_due_later_than_tier/no_tier_after_correction/sign_deadline_unknown/
--   unsatisfied_not_dispatched/sign_by_other_unit), detail (Chinese)
with explicit_due_later as (
  select case_id, 'explicit_due_later_than_tier' as issue,
    format('签收时填写的承诺解决日期 {} 晚于时限档次对应日期 {}，按 {} 计', strftime(explicit_due, '%Y-%m-%d'),
      strftime(tier_due, '%Y-%m-%d'), strftime(tier_due, '%Y-%m-%d')) as detail
  from mart_case_lifecycle
  where explicit_due > tier_due
),
no_tier as (
  select case_id, 'no_tier_after_correction' as issue,
    '核查更正为未解决的合理诉求，但签收时未选解决时限：不计入按时联系率、按时解决率' as detail
  from mart_case_lifecycle
  where effective_category = 'unresolved_reasonable' and tier is null
),
deadline_unknown as (
  select case_id, 'sign_deadline_unknown' as issue,
    format('{} 派发，缺少该时段的工作日历，签收及时性未知', strftime(dispatched_at, '%Y-%m-%d')) as detail
  from mart_case_lifecycle
  where dispatched_at is not null and sign_deadline is null
),
not_dispatched as (
  select case_id, 'unsatisfied_not_dispatched' as issue, '不满意工单没有派发记录，不计入任何指标' as detail
  from mart_case_lifecycle
  where dispatched_at is null
),
other_unit_signs as (
  select distinct e.case_id, 'sign_by_other_unit' as issue,
    format('单位 {} 的签收不计：当前承办单位为 {}', e.unit_id, d.unit_id) as detail
  from stg_events e
  join int_current_dispatch d on d.case_id = e.case_id
  where e.type = 'sign' and e.unit_id is distinct from d.unit_id
),
all_issues as (
  select * from explicit_due_later
  union all select * from no_tier
  union all select * from deadline_unknown
  union all select * from not_dispatched
  union all select * from other_unit_signs
)
select * from all_issues
