-- model: mart_indicators
-- grain: one row per scope × key × month (scope unit/district/unit_type/city; months from the first dispatch month to the as-of month)
-- depends: int_unit_month_spine, mart_indicator_cases, mart_case_lifecycle, mart_units
-- columns: scope, key, unit_name (unit scope), month, partial, ar_num/ar_den/ar_rate (准确签收率), otc_* (按时联系率),
--   ots_* (按时解决率), sign_timely_* (签收及时: cases with a known sign deadline), ext_* (solving cases with an
--   approved extension), audited_* (audited cases of the dispatch month found accurate), audited_lo/audited_hi (95% Wilson)
-- Pooled scopes sum numerators and denominators of their units (never average rates); rate = num/den, null when den = 0.
with indicator_counts as (
  select unit_id, month,
    count_if(indicator = 'accurate_receipt' and in_numerator) as ar_num,
    count_if(indicator = 'accurate_receipt') as ar_den,
    count_if(indicator = 'on_time_contact' and in_numerator) as otc_num,
    count_if(indicator = 'on_time_contact') as otc_den,
    count_if(indicator = 'on_time_solving' and in_numerator) as ots_num,
    count_if(indicator = 'on_time_solving') as ots_den
  from mart_indicator_cases
  group by unit_id, month
),
extension_counts as (
  select i.unit_id, i.month, count_if(l.extensions_approved > 0) as ext_num, count(*) as ext_den
  from mart_indicator_cases i
  join mart_case_lifecycle l using (case_id)
  where i.indicator = 'on_time_solving'
  group by i.unit_id, i.month
),
dispatch_counts as (
  select unit_id, dispatch_month as month,
    count_if(signed_on_time) as sign_timely_num,
    count(signed_on_time) as sign_timely_den,
    count_if(finding_count > 0 and not classification_inaccurate) as audited_num,
    count_if(finding_count > 0) as audited_den
  from mart_case_lifecycle
  where dispatch_month is not null
  group by unit_id, dispatch_month
),
unit_rows as (
  select
    s.unit_id, s.month, s.partial,
    coalesce(i.ar_num, 0) as ar_num, coalesce(i.ar_den, 0) as ar_den,
    coalesce(i.otc_num, 0) as otc_num, coalesce(i.otc_den, 0) as otc_den,
    coalesce(i.ots_num, 0) as ots_num, coalesce(i.ots_den, 0) as ots_den,
    coalesce(d.sign_timely_num, 0) as sign_timely_num, coalesce(d.sign_timely_den, 0) as sign_timely_den,
    coalesce(e.ext_num, 0) as ext_num, coalesce(e.ext_den, 0) as ext_den,
    coalesce(d.audited_num, 0) as audited_num, coalesce(d.audited_den, 0) as audited_den
  from int_unit_month_spine s
  left join indicator_counts i using (unit_id, month)
  left join extension_counts e using (unit_id, month)
  left join dispatch_counts d using (unit_id, month)
),
scoped as (
  select 'unit' as scope, r.unit_id as key, u.district, u.unit_type, r.* exclude (unit_id)
  from unit_rows r
  join mart_units u using (unit_id)
),
pooled as (
  select scope, key, month, partial,
    sum(ar_num) as ar_num, sum(ar_den) as ar_den, sum(otc_num) as otc_num, sum(otc_den) as otc_den,
    sum(ots_num) as ots_num, sum(ots_den) as ots_den, sum(sign_timely_num) as sign_timely_num,
    sum(sign_timely_den) as sign_timely_den, sum(ext_num) as ext_num, sum(ext_den) as ext_den,
    sum(audited_num) as audited_num, sum(audited_den) as audited_den
  from (
    select 'district' as scope, district as key, * exclude (scope, key) from scoped
    union all
    select 'unit_type', unit_type, * exclude (scope, key) from scoped
    union all
    select 'city', 'city', * exclude (scope, key) from scoped
  )
  group by scope, key, month, partial
),
all_scopes as (
  select scope, key, month, partial, ar_num, ar_den, otc_num, otc_den, ots_num, ots_den,
    sign_timely_num, sign_timely_den, ext_num, ext_den, audited_num, audited_den
  from scoped
  union all
  select * from pooled
),
with_rates as (
  select
    a.scope, a.key, case when a.scope = 'unit' then u.unit_name end as unit_name, a.month, a.partial,
    a.ar_num::integer as ar_num, a.ar_den::integer as ar_den,
    case when a.ar_den > 0 then a.ar_num::double / a.ar_den end as ar_rate,
    a.otc_num::integer as otc_num, a.otc_den::integer as otc_den,
    case when a.otc_den > 0 then a.otc_num::double / a.otc_den end as otc_rate,
    a.ots_num::integer as ots_num, a.ots_den::integer as ots_den,
    case when a.ots_den > 0 then a.ots_num::double / a.ots_den end as ots_rate,
    a.sign_timely_num::integer as sign_timely_num, a.sign_timely_den::integer as sign_timely_den,
    case when a.sign_timely_den > 0 then a.sign_timely_num::double / a.sign_timely_den end as sign_timely_rate,
    a.ext_num::integer as ext_num, a.ext_den::integer as ext_den,
    case when a.ext_den > 0 then a.ext_num::double / a.ext_den end as ext_rate,
    a.audited_num::integer as audited_num, a.audited_den::integer as audited_den,
    case when a.audited_den > 0 then a.audited_num::double / a.audited_den end as audited_rate
  from all_scopes a
  left join mart_units u on a.scope = 'unit' and u.unit_id = a.key
),
with_wilson as (
  -- Wilson score interval, z = 1.96: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
  select *,
    case when audited_den > 0 then
      (audited_rate + 1.96^2 / (2 * audited_den) - 1.96 * sqrt(audited_rate * (1 - audited_rate) / audited_den + 1.96^2 / (4 * audited_den^2)))
      / (1 + 1.96^2 / audited_den) end as audited_lo,
    case when audited_den > 0 then
      (audited_rate + 1.96^2 / (2 * audited_den) + 1.96 * sqrt(audited_rate * (1 - audited_rate) / audited_den + 1.96^2 / (4 * audited_den^2)))
      / (1 + 1.96^2 / audited_den) end as audited_hi
  from with_rates
)
select * from with_wilson
