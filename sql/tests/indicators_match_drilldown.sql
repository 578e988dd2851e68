-- test: every case in an indicator's drill-down lands in a unit row of mart_indicators, and the counts agree
with drill as (
  select unit_id, month, indicator, count(*) as den, count_if(in_numerator) as num
  from mart_indicator_cases group by all
),
unit_rows as (
  select key as unit_id, month, 'accurate_receipt' as indicator, ar_den as den, ar_num as num from mart_indicators where scope = 'unit'
  union all
  select key, month, 'on_time_contact', otc_den, otc_num from mart_indicators where scope = 'unit'
  union all
  select key, month, 'on_time_solving', ots_den, ots_num from mart_indicators where scope = 'unit'
)
select d.unit_id, d.month, d.indicator, d.den, u.den as indicator_den
from drill d
left join unit_rows u using (unit_id, month, indicator)
where u.den is null or u.den <> d.den or u.num <> d.num
