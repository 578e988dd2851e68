-- test: codes in the lifecycle are the SPEC's codes (catches raw rows that bypassed the loader's checks)
select case_id, signed_category, effective_category, tier, status, satisfaction
from mart_case_lifecycle
where coalesce(signed_category, 'unresolved_reasonable') not in ('unresolved_reasonable', 'unreasonable', 'litigation', 'resolved_at_sign', 'one_time')
   or coalesce(effective_category, 'unresolved_reasonable') not in ('unresolved_reasonable', 'unreasonable', 'litigation', 'resolved_at_sign', 'one_time')
   or coalesce(tier, 'long_term') not in ('current_month', '2m', '3m', '6m', 'long_term')
   or status not in ('undispatched', 'unsigned', 'closed_at_sign', 'resolved', 'in_progress')
   or coalesce(satisfaction, 'none') not in ('satisfied', 'basic', 'unsatisfied', 'none')
