-- test: every pooled scope's num and den are the sums over its units (sum/sum, never a mean of rates)
with unit_sums as (
  select month, sum(ar_num) as ar_num, sum(ar_den) as ar_den, sum(otc_num) as otc_num, sum(otc_den) as otc_den,
    sum(ots_num) as ots_num, sum(ots_den) as ots_den
  from mart_indicators where scope = 'unit' group by month
),
pooled_sums as (
  select scope, month, sum(ar_num) as ar_num, sum(ar_den) as ar_den, sum(otc_num) as otc_num, sum(otc_den) as otc_den,
    sum(ots_num) as ots_num, sum(ots_den) as ots_den
  from mart_indicators where scope <> 'unit' group by scope, month
)
select p.scope, p.month
from pooled_sums p
join unit_sums u using (month)
where (p.ar_num, p.ar_den, p.otc_num, p.otc_den, p.ots_num, p.ots_den)
   <> (u.ar_num, u.ar_den, u.otc_num, u.otc_den, u.ots_num, u.ots_den)
