-- model: int_unit_month_spine
-- grain: one row per unit × month, from the first dispatch month in the data to the as-of month
-- depends: mart_units, int_current_dispatch, build_params
-- columns: unit_id, month, partial (month = as-of month)
-- The spine makes an empty month an explicit zero-denominator row (rate null), not a missing row.
with bounds as (
  select min(d.dispatch_month) as first_month, (select as_of_month from build_params) as last_month
  from int_current_dispatch d
),
months as (
  select unnest(generate_series(first_month, last_month, interval 1 month))::date as month, last_month
  from bounds
  where first_month is not null
),
spine as (
  select u.unit_id, m.month, m.month = m.last_month as partial
  from mart_units u
  cross join months m
)
select * from spine
