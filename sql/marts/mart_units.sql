-- model: mart_units
-- grain: one row per unit: those in the units files plus any unit_id seen on a dispatch
-- depends: stg_units, stg_events
-- columns: unit_id, unit_name (unit_id when unknown), unit_type, district ('未知' when unknown), listed (in the units file)
with listed as (
  select unit_id, unit_name, unit_type, district from stg_units
),
dispatched_only as (
  select distinct e.unit_id
  from stg_events e
  anti join listed l on l.unit_id = e.unit_id
  where e.type = 'dispatch' and e.unit_id is not null
),
units as (
  select unit_id, coalesce(unit_name, unit_id) as unit_name, coalesce(unit_type, '未知') as unit_type,
    coalesce(district, '未知') as district, true as listed
  from listed
  union all
  select unit_id, unit_id, '未知', '未知', false
  from dispatched_only
)
select * from units
