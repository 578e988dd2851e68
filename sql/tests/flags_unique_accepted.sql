-- test: a flag fires at most once per case, is a SPEC §5 flag, and says why
select case_id, flag, count(*) as n
from mart_case_flags
group by case_id, flag
having count(*) > 1
    or flag not in ('simple_clear', 'nonstandard_reply', 'solved_but_unsatisfied', 'reasonable_repeat', 'undeclared_out_of_scope', 'violation_repeat')
    or bool_or(reason is null or reason = '')
