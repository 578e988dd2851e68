-- A tiny hand-made warehouse with the mart tables of sql/README.md, for the web query tests.
-- Figures are chosen by hand; the tests state what they expect from them.
create table build_info as select date '2025-03-15' as as_of, timestamp '2025-03-16 08:00:00' as built_at,
  '{"extensionPolicy":"original"}' as rules, date '2024-01-01' as calendar_first, date '2025-12-31' as calendar_last, null::varchar as warnings;
create table mart_units (unit_id varchar, unit_name varchar, unit_type varchar, district varchar);
insert into mart_units values ('U1', '宁海路街道', 'street', '鼓楼区'), ('U2', '玄武区城管局', 'district_bureau', '玄武区'), ('U3', '供电公司', 'enterprise', '鼓楼区');
create table mart_indicators (scope varchar, key varchar, unit_name varchar, month date, partial boolean,
  ar_num int, ar_den int, ar_rate double, otc_num int, otc_den int, otc_rate double, ots_num int, ots_den int, ots_rate double,
  sign_timely_num int, sign_timely_den int, sign_timely_rate double, ext_num int, ext_den int, ext_rate double,
  audited_num int, audited_den int, audited_rate double, audited_lo double, audited_hi double);
-- unit rows: (key, month, ar num/den, otc num/den, ots num/den)
insert into mart_indicators (scope, key, month, partial, ar_num, ar_den, otc_num, otc_den, ots_num, ots_den) values
  ('unit', 'U1', '2025-02-01', false, 8, 10, 3, 4, 1, 2), ('unit', 'U2', '2025-02-01', false, 18, 20, 0, 0, 2, 2), ('unit', 'U3', '2025-02-01', false, 1, 1, 0, 0, 0, 0),
  ('unit', 'U1', '2025-03-01', true, 9, 10, 2, 4, 1, 1), ('unit', 'U2', '2025-03-01', true, 15, 20, 1, 2, 0, 1), ('unit', 'U3', '2025-03-01', true, 0, 0, 0, 0, 0, 0);
-- pooled rows are sums of the unit rows
insert into mart_indicators (scope, key, month, partial, ar_num, ar_den, otc_num, otc_den, ots_num, ots_den)
  select 'city', 'city', month, partial, sum(ar_num), sum(ar_den), sum(otc_num), sum(otc_den), sum(ots_num), sum(ots_den)
  from mart_indicators where scope = 'unit' group by month, partial;
insert into mart_indicators (scope, key, month, partial, ar_num, ar_den, otc_num, otc_den, ots_num, ots_den)
  select 'district', u.district, month, partial, sum(ar_num), sum(ar_den), sum(otc_num), sum(otc_den), sum(ots_num), sum(ots_den)
  from mart_indicators i join mart_units u on u.unit_id = i.key where scope = 'unit' group by all;
update mart_indicators set ar_rate = ar_num / nullif(ar_den, 0), otc_rate = otc_num / nullif(otc_den, 0), ots_rate = ots_num / nullif(ots_den, 0),
  unit_name = (select unit_name from mart_units where unit_id = key);
create table mart_case_lifecycle (case_id varchar, unit_id varchar, dispatched_at timestamp, dispatch_month date, signed_at timestamp,
  sign_deadline date, signed_on_time boolean, signed_category varchar, effective_category varchar, category_corrected boolean, tier varchar,
  promised_due date, promised_due_source varchar, working_due date, due_used date, extension_requests int, extensions_approved int,
  contact_count int, valid_contact_count int, last_contact_at timestamp, resolved_at timestamp, resolved_on_time boolean,
  has_overdue_finding boolean, archived_at timestamp, status varchar, satisfaction varchar, received_at timestamp, district varchar,
  street varchar, topic_l1 varchar, topic_l2 varchar, appeal_type varchar, caller_id varchar, content varchar, first_reply varchar);
insert into mart_case_lifecycle (case_id, unit_id, dispatched_at, dispatch_month, signed_at, effective_category, tier, promised_due, working_due, due_used, status, valid_contact_count, extension_requests, topic_l2, content, first_reply, received_at, satisfaction) values
  ('C1', 'U1', '2025-03-02 09:00:00', '2025-03-01', '2025-03-03 10:00:00', 'unresolved_reasonable', '2m', '2025-05-03', '2025-05-03', '2025-05-03', 'in_progress', 0, 0, '噪声扰民', '楼下夜间施工噪声，电话13812341234', '经核查，已联系施工单位', '2025-02-20 08:00:00', 'unsatisfied'),
  ('C2', 'U1', '2025-03-05 09:00:00', '2025-03-01', '2025-03-05 11:00:00', 'resolved_at_sign', null, null, null, null, 'closed_at_sign', 0, 0, '道路维修', '路灯不亮', '已处理', '2025-02-25 08:00:00', 'unsatisfied'),
  ('C3', 'U2', '2025-02-10 09:00:00', '2025-02-01', '2025-02-11 09:00:00', 'unresolved_reasonable', 'current_month', '2025-02-28', '2025-02-28', '2025-02-28', 'resolved', 1, 0, '占道经营', '占道经营', '经查已整改', '2025-02-01 08:00:00', 'unsatisfied'),
  ('C4', 'U1', '2025-03-06 09:00:00', '2025-03-01', null, null, null, null, null, null, 'unsigned', 0, 0, '噪声扰民', '又是噪声', null, '2025-03-01 08:00:00', 'unsatisfied');
create table mart_indicator_cases (indicator varchar, month date, case_id varchar, unit_id varchar, in_numerator boolean, why varchar);
insert into mart_indicator_cases values ('accurate_receipt', '2025-03-01', 'C1', 'U1', true, '本月派发，已签收'), ('accurate_receipt', '2025-03-01', 'C4', 'U1', false, '本月派发，未签收');
create table mart_case_flags (case_id varchar, unit_id varchar, month date, flag varchar, flag_order int, reason varchar);
insert into mart_case_flags values ('C2', 'U1', '2025-03-01', 'solved_but_unsatisfied', 3, '签收类别为签收解决，仍评价不满意'), ('C1', 'U1', '2025-03-01', 'violation_repeat', 6, '二级分类为噪声扰民且有重复投诉'), ('C1', 'U1', '2025-03-01', 'reasonable_repeat', 4, '合理诉求有重复投诉 C4');
create table mart_repeat_links (original_case_id varchar, repeat_case_id varchar, caller_id varchar, topic_l2 varchar, days_between int);
insert into mart_repeat_links values ('C1', 'C4', 'P1', '噪声扰民', 9);
create table mart_hotspots (month date, district varchar, place varchar, topic_l2 varchar, callers int, cases int, unsatisfied int);
create table mart_early_warnings (warning varchar, case_id varchar, unit_id varchar, due_date date, detail varchar);
insert into mart_early_warnings values ('unsigned_overdue', 'C4', 'U1', '2025-03-10', '派发后超过2个工作日未签收'), ('contact_due', 'C1', 'U1', '2025-03-31', '本月尚未联系诉求人');
create table mart_data_quality (case_id varchar, issue varchar, detail varchar);
create table data_test_results (test varchar, failing_rows int, sample varchar);
insert into data_test_results values ('unique_mart_case_lifecycle_case_id', 0, null), ('num_le_den_mart_indicators', 0, null);
