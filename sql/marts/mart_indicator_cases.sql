-- model: mart_indicator_cases
-- grain: one row per indicator × month × case in that indicator's denominator (the drill-down behind every number)
-- depends: mart_case_lifecycle, int_case_contacts, build_params, stg_code_labels
-- columns: indicator (accurate_receipt/on_time_contact/on_time_solving), month, case_id, unit_id, in_numerator,
--   why (Chinese sentence: why the case is in the denominator and why it is or is not in the numerator)
-- The contact denominator spans months: a case enters every month M with signed_at < M and resolution date >= M
-- (or unresolved), up to the as-of month; generate_series expands each case over its own span (no case × month product).
with params as (
  select as_of_month from build_params
),
tier_labels as (
  select code, label from stg_code_labels where kind = 'tier'
),
category_labels as (
  select code, label from stg_code_labels where kind = 'category'
),
accurate_receipt as (
  select
    'accurate_receipt' as indicator, l.dispatch_month as month, l.case_id, l.unit_id,
    l.signed_at is not null and not l.classification_inaccurate as in_numerator,
    case
      when l.signed_at is null then '本月派发，截至统计日未签收'
      when l.classification_inaccurate then format('本月派发并已签收（{}），但核查认定判定不准确{}',
        strftime(l.signed_at, '%Y-%m-%d'),
        case when l.category_corrected then '，类别更正为“' || coalesce(cl.label, l.effective_category) || '”' else '' end)
      else format('本月派发，{} 已签收，未发现判定不准确', strftime(l.signed_at, '%Y-%m-%d'))
    end as why
  from mart_case_lifecycle l
  left join category_labels cl on cl.code = l.effective_category
  where l.dispatch_month is not null
),
contact_spans as (
  select case_id, unit_id, tier, signed_at, resolved_date,
    (date_trunc('month', signed_at) + interval 1 month)::date as first_month,
    least(coalesce(date_trunc('month', resolved_date)::date, (select as_of_month from params)), (select as_of_month from params)) as last_month
  from mart_case_lifecycle
  where effective_category = 'unresolved_reasonable' and tier in ('2m', '3m', '6m', 'long_term') and signed_at is not null
),
contact_months as (
  select case_id, unit_id, tier, signed_at,
    unnest(generate_series(first_month, last_month, interval 1 month))::date as month
  from contact_spans
),
contacts_by_month as (
  select case_id, month, count_if(not refuted) as valid_n, count_if(refuted) as refuted_n
  from int_case_contacts
  group by case_id, month
),
on_time_contact as (
  select
    'on_time_contact' as indicator, m.month, m.case_id, m.unit_id,
    coalesce(c.valid_n, 0) > 0 as in_numerator,
    format('{} 签收的合理诉求（时限{}），本月前未解决，本月应联系：', strftime(m.signed_at, '%Y-%m-%d'), coalesce(t.label, m.tier)) ||
    case
      when coalesce(c.valid_n, 0) > 0 then format('本月有效联系 {} 次', c.valid_n)
      when coalesce(c.refuted_n, 0) > 0 then format('本月 {} 次联系均被核查认定为虚假联系', c.refuted_n)
      else '本月无联系记录'
    end as why
  from contact_months m
  left join contacts_by_month c using (case_id, month)
  left join tier_labels t on t.code = m.tier
),
on_time_solving as (
  select
    'on_time_solving' as indicator, date_trunc('month', l.due_used)::date as month, l.case_id, l.unit_id,
    coalesce(l.resolved_on_time, false) as in_numerator,
    format('承诺 {} 前解决（时限{}）：', strftime(l.due_used, '%Y-%m-%d'), coalesce(t.label, l.tier)) ||
    case
      when l.resolved_date is null and l.refuted_resolve_count > 0 then '解决被核查认定为虚假解决，截至统计日未解决'
      when l.resolved_date is null then '截至统计日未解决'
      when l.resolved_date > l.due_used then format('{} 才解决，已超期', strftime(l.resolved_date, '%Y-%m-%d'))
      when l.has_overdue_finding then format('{} 解决，但核查认定为超期解决', strftime(l.resolved_date, '%Y-%m-%d'))
      else format('{} 已解决，按时', strftime(l.resolved_date, '%Y-%m-%d'))
    end as why
  from mart_case_lifecycle l
  left join tier_labels t on t.code = l.tier
  where l.effective_category = 'unresolved_reasonable' and l.tier <> 'long_term' and l.due_used is not null
    and date_trunc('month', l.due_used)::date <= (select as_of_month from params)
),
all_rows as (
  select * from accurate_receipt
  union all
  select * from on_time_contact
  union all
  select * from on_time_solving
)
select * from all_rows
