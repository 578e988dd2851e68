-- test: early warnings use the known warning codes, once per case and warning
select warning, case_id, count(*) as n
from mart_early_warnings
group by warning, case_id
having count(*) > 1
    or warning not in ('unsigned_overdue', 'contact_due', 'due_soon', 'overdue', 'third_extension', 'fourth_extension')
