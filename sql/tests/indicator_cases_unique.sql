-- test: a case enters an indicator's denominator at most once per month
select indicator, month, case_id, count(*) as n
from mart_indicator_cases
group by all
having count(*) > 1
