-- test: every case rated unsatisfied has exactly one lifecycle row
select c.case_id, count(l.case_id) as lifecycle_rows
from stg_cases c
left join mart_case_lifecycle l using (case_id)
where c.satisfaction = 'unsatisfied'
group by c.case_id
having count(l.case_id) <> 1
