-- test: a dispatched lifecycle case has its unit and dispatch month
select case_id, unit_id, dispatch_month
from mart_case_lifecycle
where dispatched_at is not null and (unit_id is null or dispatch_month is null)
