-- model: mart_hotspots
-- grain: one row per month × district × place × topic_l2 with at least hotspotMinCallers distinct callers
-- depends: stg_cases, rules_settings
-- columns: month (of received_at), district, place (street, else address), topic_l2, callers (distinct caller_id),
--   cases, unsatisfied (cases rated unsatisfied)
with placed as (
  select date_trunc('month', received_at)::date as month, district, coalesce(street, address) as place, topic_l2,
    caller_id, satisfaction
  from stg_cases
  where received_at is not null and topic_l2 is not null and coalesce(street, address) is not null
),
per_caller as (
  -- distinct callers by grouping twice: cheaper than count(distinct) over all cases
  select month, district, place, topic_l2, caller_id, count(*) as cases, count_if(satisfaction = 'unsatisfied') as unsatisfied
  from placed
  group by month, district, place, topic_l2, caller_id
),
grouped as (
  select month, district, place, topic_l2,
    count(caller_id)::integer as callers,
    sum(cases)::integer as cases,
    sum(unsatisfied)::integer as unsatisfied
  from per_caller
  group by month, district, place, topic_l2
),
hot as (
  select g.* from grouped g cross join rules_settings r
  where g.callers >= r.hotspot_min_callers
)
select * from hot
