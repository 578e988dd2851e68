-- test: every lifecycle case appears once
select case_id, count(*) as n from mart_case_lifecycle group by case_id having count(*) > 1
