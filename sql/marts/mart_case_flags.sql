-- model: mart_case_flags
-- grain: one row per unsatisfied lifecycle case × spot-check flag that fires (SPEC §5)
-- depends: mart_case_lifecycle, int_case_repeats, rules_settings, rules_lists, stg_code_labels
-- columns: case_id, unit_id, month (dispatch month, else month of evaluated_at, else of closed_at), flag,
--   flag_order (SPEC §5 table order, 1-6), reason (Chinese, readable by an auditor; names every cause)
-- Word lists become list values (one row) and are matched with list_filter per case, so the reason can name the
-- matched words without a case × word join.
with cases as (
  select
    l.case_id, l.unit_id,
    coalesce(l.dispatch_month, date_trunc('month', l.evaluated_at)::date, date_trunc('month', l.closed_at)::date) as month,
    l.appeal_type, l.effective_category, l.signed_category, l.category_corrected, l.topic_l2,
    coalesce(trim(l.content), '') as content,
    coalesce(trim(l.first_reply), '') as reply,
    coalesce(l.out_of_scope_declared, false) as declared,
    coalesce(r.repeats, 0) as repeats, coalesce(r.repeat_cases, 0) as repeat_cases,
    coalesce(r.has_repeat_finding, false) as has_repeat_finding
  from mart_case_lifecycle l
  left join int_case_repeats r using (case_id)
  where l.satisfaction = 'unsatisfied'
),
settings as (
  select * from rules_settings
),
word_lists as (
  -- one row holding every rules list as a list value, in configured order
  select
    list(item order by pos) filter (where list = 'simple_clear.appeal_types') as simple_types,
    list(item order by pos) filter (where list = 'reply.process_words') as process_words,
    list(item order by pos) filter (where list = 'reply.result_words') as result_words,
    list(item order by pos) filter (where list = 'reply.boilerplate') as boilerplate,
    list(item order by pos) filter (where list = 'solved.categories') as solved_categories,
    list(item order by pos) filter (where list = 'reasonable_repeat.categories') as reasonable_categories,
    list(item order by pos) filter (where list = 'out_of_scope.topics') as oos_topics,
    list(item order by pos) filter (where list = 'out_of_scope.keywords') as oos_keywords,
    list(item order by pos) filter (where list = 'violation.topics') as violation_topics,
    list(item order by pos) filter (where list = 'violation.keywords') as violation_keywords
  from rules_lists
),
facts as (
  -- matched words as '、'-joined text (null when none), so reasons can name them
  select c.*,
    nullif(array_to_string(list_filter(w.oos_keywords, k -> contains(c.content, k)), '、'), '') as oos_words,
    nullif(array_to_string(list_filter(w.violation_keywords, k -> contains(c.content, k)), '、'), '') as violation_words,
    nullif(array_to_string(list_filter(w.process_words, k -> contains(c.reply, k)), '、'), '') as process_words,
    nullif(array_to_string(list_filter(w.result_words, k -> contains(c.reply, k)), '、'), '') as result_words,
    nullif(array_to_string(list_filter(w.boilerplate, k -> contains(c.reply, k)), '、'), '') as boilerplate,
    length(c.content) as content_len, length(c.reply) as reply_len,
    al.label as appeal_label, cl.label as category_label,
    coalesce(list_contains(w.simple_types, c.appeal_type), false) as simple_type,
    coalesce(list_contains(w.oos_topics, c.topic_l2), false) as oos_topic,
    coalesce(list_contains(w.violation_topics, c.topic_l2), false) as violation_topic,
    coalesce(list_contains(w.solved_categories, c.effective_category), false) as solved_category,
    coalesce(list_contains(w.reasonable_categories, c.effective_category), false) as reasonable_category,
    array_to_string(w.process_words, '、') as all_process_words,
    array_to_string(w.result_words, '、') as all_result_words
  from cases c
  cross join word_lists w
  left join stg_code_labels al on al.kind = 'appeal_type' and al.code = c.appeal_type
  left join stg_code_labels cl on cl.kind = 'category' and cl.code = c.effective_category
),
repeat_words as (
  select f.case_id,
    concat_ws('，',
      case when f.repeat_cases > 0 then format('{} 天内同一诉求人就同一事项（{}）又来电 {} 次', s.repeat_window_days, f.topic_l2, f.repeat_cases) end,
      case when f.has_repeat_finding then '核查认定为重复投诉' end) as repeat_text
  from facts f cross join settings s
),
simple_clear as (
  select f.case_id, 'simple_clear' as flag, 1 as flag_order,
    format('诉求类型为{}，诉求内容仅 {} 字（不超过 {} 字），简单明确却被评为不满意',
      coalesce(f.appeal_label, f.appeal_type), f.content_len, s.simple_clear_max_length) as reason
  from facts f cross join settings s
  where f.simple_type and f.content_len <= s.simple_clear_max_length
),
nonstandard_reply as (
  select f.case_id, 'nonstandard_reply' as flag, 2 as flag_order,
    '首次答复不规范：' || concat_ws('；',
      case when f.reply_len < s.reply_min_length then format('答复仅 {} 字（少于 {} 字）', f.reply_len, s.reply_min_length) end,
      case when f.process_words is null then '未说明办理过程（不含' || f.all_process_words || '等用语）' end,
      case when f.result_words is null then '未说明办理结果（不含' || f.all_result_words || '等用语）' end,
      case when f.boilerplate is not null then '含套话“' || f.boilerplate || '”' end) as reason
  from facts f cross join settings s
  where f.reply_len < s.reply_min_length or f.process_words is null or f.result_words is null or f.boilerplate is not null
),
solved_but_unsatisfied as (
  select f.case_id, 'solved_but_unsatisfied' as flag, 3 as flag_order,
    format('签收类别为“{}”{}，问题已解决，诉求人仍评价不满意', coalesce(f.category_label, f.effective_category),
      case when f.category_corrected then '（核查更正后）' else '' end) as reason
  from facts f
  where f.solved_category
),
reasonable_repeat as (
  select f.case_id, 'reasonable_repeat' as flag, 4 as flag_order,
    format('判定为“{}”，且有重复投诉：{}', coalesce(f.category_label, f.effective_category), r.repeat_text) as reason
  from facts f
  join repeat_words r using (case_id)
  cross join settings s
  where f.reasonable_category and f.repeats >= s.reasonable_repeat_min
),
undeclared_out_of_scope as (
  select f.case_id, 'undeclared_out_of_scope' as flag, 5 as flag_order,
    concat_ws('；',
      case when f.oos_topic then format('二级分类“{}”属非受理范围', f.topic_l2) end,
      case when f.oos_words is not null then format('诉求内容含“{}”', f.oos_words) end) || '，承办单位未申报非受理范围' as reason
  from facts f
  where (f.oos_topic or f.oos_words is not null) and not f.declared
),
violation_repeat as (
  select f.case_id, 'violation_repeat' as flag, 6 as flag_order,
    '疑似违法违规问题（' || concat_ws('；',
      case when f.violation_topic then format('二级分类“{}”', f.topic_l2) end,
      case when f.violation_words is not null then format('内容含“{}”', f.violation_words) end) ||
    '）未查处，且有重复投诉：' || r.repeat_text as reason
  from facts f
  join repeat_words r using (case_id)
  cross join settings s
  where (f.violation_topic or f.violation_words is not null) and f.repeats >= s.violation_repeat_min
),
fired as (
  select * from simple_clear
  union all select * from nonstandard_reply
  union all select * from solved_but_unsatisfied
  union all select * from reasonable_repeat
  union all select * from undeclared_out_of_scope
  union all select * from violation_repeat
),
final as (
  select c.case_id, c.unit_id, c.month, x.flag, x.flag_order, x.reason
  from fired x
  join cases c using (case_id)
)
select * from final
