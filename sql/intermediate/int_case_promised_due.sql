-- model: int_case_promised_due
-- grain: one row per signed case (int_case_signs)
-- depends: int_case_signs, int_case_findings, rules_settings, rules_tier_months
-- columns: case_id, effective_category (audit correction wins), category_corrected, classification_inaccurate,
--   tier_due (SPEC §2: current_month → last day of the sign month; Nm → sign date + N months, clamped to month end),
--   promised_due (explicit date when not later than tier_due, else tier_due; null for long_term / no tier),
--   promised_due_source (tier/explicit), explicit_due_later (explicit date later than tier date: data-quality warning)
-- The tier date counts from the latest sign (the one that set the tier).
with signed as (
  select
    s.*,
    coalesce(f.classification_inaccurate, false) as classification_inaccurate,
    f.corrected_category
  from int_case_signs s
  left join int_case_findings f using (case_id)
),
effective as (
  select *,
    coalesce(corrected_category, signed_category) as effective_category,
    corrected_category is not null and corrected_category <> signed_category as category_corrected
  from signed
),
tier_dates as (
  select e.*,
    case
      when e.effective_category <> 'unresolved_reasonable' then null
      when e.tier = 'current_month' then last_day(e.classified_at::date)
      when m.months is not null then (e.classified_at::date + to_months(m.months))::date
    end as tier_due
  from effective e
  left join rules_tier_months m on m.tier = e.tier
),
promised as (
  select t.*,
    t.explicit_due is not null and t.tier_due is not null and r.explicit_due_policy = 'use_if_not_later'
      and t.explicit_due <= t.tier_due as use_explicit,
    t.explicit_due is not null and t.tier_due is not null and t.explicit_due > t.tier_due as explicit_due_later
  from tier_dates t
  cross join rules_settings r
),
final as (
  select
    case_id, effective_category, category_corrected, classification_inaccurate, tier, tier_due, explicit_due,
    case when use_explicit then explicit_due else tier_due end as promised_due,
    case when tier_due is null then null when use_explicit then 'explicit' else 'tier' end as promised_due_source,
    explicit_due_later
  from promised
)
select * from final
