-- model: int_case_resolution
-- grain: one row per signed case with at least one resolve event after its first sign
-- depends: stg_events, int_case_signs, int_refuted_events
-- columns: case_id, resolve_count, refuted_resolve_count, resolved_at (earliest resolve not refuted by a
--   fake_resolution finding; null when all are refuted), resolved_date (local date of resolved_at)
with resolves as (
  select e.case_id, e.event_id, e.event_at
  from stg_events e
  join int_case_signs s on s.case_id = e.case_id and e.event_at >= s.signed_at
  where e.type = 'resolve'
),
marked as (
  select r.*, x.event_id is not null as refuted
  from resolves r
  left join int_refuted_events x on x.event_id = r.event_id and x.finding = 'fake_resolution'
),
per_case as (
  select
    case_id,
    count(*)::integer as resolve_count,
    count_if(refuted)::integer as refuted_resolve_count,
    min(event_at) filter (where not refuted) as resolved_at
  from marked
  group by case_id
),
final as (
  select *, resolved_at::date as resolved_date from per_case
)
select * from final
