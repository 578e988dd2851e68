-- test: one indicator row per scope × key × month, with no null key parts
select scope, key, month, count(*) as n
from mart_indicators
group by scope, key, month
having count(*) > 1 or scope is null or key is null or month is null
   or scope not in ('unit', 'district', 'unit_type', 'city')
