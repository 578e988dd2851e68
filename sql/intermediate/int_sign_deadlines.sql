-- model: int_sign_deadlines
-- grain: one row per dispatched case whose sign deadline the calendar can tell
-- depends: int_current_dispatch, calendar, rules_settings
-- columns: case_id, sign_deadline (the signDeadlineWorkdays-th working day strictly after the dispatch date)
-- Working days are numbered cumulatively (wd_ord), so the deadline is an equi-join on wd_ord + N, not a
-- per-case scan. A case is left out (deadline unknown) when the calendar lacks the dispatch day or has a gap
-- before the deadline: a year with no calendar is never guessed.
with cal as (
  select day, is_workday,
    sum(is_workday::integer) over (order by day) as wd_ord,
    row_number() over (order by day) as day_ord
  from calendar
),
starts as (
  select d.case_id, d.dispatch_date, c.wd_ord + r.sign_deadline_workdays as deadline_ord, c.day_ord
  from int_current_dispatch d
  join cal c on c.day = d.dispatch_date
  cross join rules_settings r
),
deadlines as (
  select s.case_id, c.day as sign_deadline
  from starts s
  join cal c on c.wd_ord = s.deadline_ord and c.is_workday
  where c.day_ord - s.day_ord = date_diff('day', s.dispatch_date, c.day)
)
select * from deadlines
