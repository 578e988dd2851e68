-- model: stg_code_labels
-- grain: one row per (kind, code): the Chinese label of each code (SPEC §2, §3, §9)
-- depends:
-- columns: kind (category/tier/appeal_type/unit_type/finding/flag/warning), code, label
with labels(kind, code, label) as (
  values
    ('category', 'unresolved_reasonable', '未解决的合理诉求'),
    ('category', 'unreasonable', '不合理诉求'),
    ('category', 'litigation', '诉讼解决'),
    ('category', 'resolved_at_sign', '签收解决'),
    ('category', 'one_time', '一次性投诉'),
    ('tier', 'current_month', '当月'),
    ('tier', '2m', '2个月'),
    ('tier', '3m', '3个月'),
    ('tier', '6m', '6个月'),
    ('tier', 'long_term', '长期'),
    ('appeal_type', 'consult', '咨询'),
    ('appeal_type', 'help', '求助'),
    ('appeal_type', 'complaint', '投诉举报'),
    ('appeal_type', 'suggestion', '意见建议'),
    ('appeal_type', 'other', '其他'),
    ('unit_type', 'district_bureau', '区级部门'),
    ('unit_type', 'street', '街道'),
    ('unit_type', 'city_bureau', '市级部门'),
    ('unit_type', 'enterprise', '公共企事业单位'),
    ('finding', 'no_issue', '无问题'),
    ('finding', 'classification_inaccurate', '判定不准确'),
    ('finding', 'fake_contact', '虚假联系'),
    ('finding', 'fake_resolution', '虚假解决'),
    ('finding', 'overdue_resolution', '超期解决'),
    ('finding', 'repeat_complaint', '重复投诉'),
    ('flag', 'simple_clear', '简单明确诉求不满意'),
    ('flag', 'nonstandard_reply', '首次答复不规范'),
    ('flag', 'solved_but_unsatisfied', '已解决仍不满意'),
    ('flag', 'reasonable_repeat', '合理诉求重复投诉'),
    ('flag', 'undeclared_out_of_scope', '应申报非受理范围未申报'),
    ('flag', 'violation_repeat', '疑似违法违规未查处且重复投诉'),
    ('warning', 'unsigned_overdue', '超时未签收'),
    ('warning', 'contact_due', '本月应联系未联系'),
    ('warning', 'due_soon', '即将到期'),
    ('warning', 'overdue', '已超期未解决'),
    ('warning', 'third_extension', '第3次延期'),
    ('warning', 'fourth_extension', '第4次延期申请（违规）')
)
select * from labels
