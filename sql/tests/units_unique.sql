-- test: one row per unit
select unit_id, count(*) as n from mart_units group by unit_id having count(*) > 1 or unit_id is null
