-- model: int_case_findings
-- grain: one row per case with at least one audit finding
-- depends: int_audit_findings
-- columns: case_id, finding_count, classification_inaccurate (any such finding), corrected_category (of the latest
--   classification_inaccurate finding that names one), has_overdue_finding, has_repeat_finding
with per_case as (
  select
    case_id,
    count(*)::integer as finding_count,
    bool_or(finding = 'classification_inaccurate') as classification_inaccurate,
    arg_max(corrected_category, (audited_at, audit_id))
      filter (where finding = 'classification_inaccurate' and corrected_category is not null) as corrected_category,
    bool_or(finding = 'overdue_resolution') as has_overdue_finding,
    bool_or(finding = 'repeat_complaint') as has_repeat_finding
  from int_audit_findings
  group by case_id
)
select * from per_case
