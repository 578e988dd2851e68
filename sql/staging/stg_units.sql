-- model: stg_units
-- grain: one row per unit in the units files
-- materialized: view
-- depends: raw_units
-- columns: unit_id, unit_name, unit_type, district (empty → null)
with units as (
  select
    unit_id,
    nullif(trim(unit_name), '') as unit_name,
    nullif(trim(unit_type), '') as unit_type,
    nullif(trim(district), '') as district
  from raw_units
)
select * from units
