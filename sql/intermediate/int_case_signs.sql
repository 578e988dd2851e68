-- model: int_case_signs
-- grain: one row per case signed by its current unit (sign events of that unit at or after the current dispatch)
-- depends: stg_events, int_current_dispatch
-- columns: case_id, signed_at (first such sign: sign timeliness), classified_at, signed_category, tier,
--   explicit_due (from the latest such sign: a unit may re-sign to correct itself), sign_count
with signs as (
  select s.case_id, s.event_id, s.event_at, s.category, s.tier, s.promised_due
  from stg_events s
  join int_current_dispatch d
    on d.case_id = s.case_id and s.unit_id = d.unit_id and s.event_at >= d.dispatched_at
  where s.type = 'sign'
),
first_sign as (
  select case_id, min(event_at) as signed_at, count(*)::integer as sign_count
  from signs
  group by case_id
),
latest_sign as (
  select case_id, event_at as classified_at, category as signed_category, tier, promised_due as explicit_due
  from signs
  qualify row_number() over (partition by case_id order by event_at desc, event_id desc) = 1
),
case_signs as (
  select f.case_id, f.signed_at, l.classified_at, l.signed_category, l.tier, l.explicit_due, f.sign_count
  from first_sign f
  join latest_sign l using (case_id)
)
select * from case_signs
