// Sign timeliness on the Chinese working-day calendar (signDeadlineWorkdays = 2): the deadline is the
// 2nd working day strictly after the dispatch date. Working days are checked against the official 2025
// schedule: Spring Festival 28 Jan–4 Feb off, Sunday 26 Jan and Saturday 8 Feb are make-up working days.
import { describe, expect, it, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ev, query, rulesFile, seedAndBuild, tempDir, unsatisfiedCase, type RawData } from './harness.ts';
import { UserError } from '../../pipeline/errors.ts';
import { build } from '../../pipeline/models.ts';

const units = [{ unit_id: 'U1', unit_name: '单位一', unit_type: 'street', district: '玄武区' }];
const dispatchAndSign = (id: string, dispatchAt: string, signAt: string | null) => [
  ev(id, 'dispatch', dispatchAt, 'U1'),
  ...(signAt ? [ev(id, 'sign', signAt, 'U1', { category: 'unreasonable' })] : []),
];

describe('sign deadline on the 2025 calendar', () => {
  const data: RawData = {
    units,
    cases: ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'].map((id) => unsatisfiedCase(id)),
    events: [
      // D1: Fri 7 Mar → Mon 10 (1st), Tue 11 (2nd) = deadline; signed Tue 11 at 18:00 → on time.
      ...dispatchAndSign('D1', '2025-03-07 16:00:00', '2025-03-11 18:00:00'),
      // D2: same dispatch, signed Wed 12 → late.
      ...dispatchAndSign('D2', '2025-03-07 16:00:00', '2025-03-12 09:00:00'),
      // D3: dispatched on Sat 8 Mar → counts from Mon 10: deadline Tue 11; signed Tue 11 → on time.
      ...dispatchAndSign('D3', '2025-03-08 10:00:00', '2025-03-11 09:00:00'),
      // D4: Fri 24 Jan → Sun 26 (make-up working day, 1st), Mon 27 (2nd) = deadline; signed Tue 28 → late
      //     (a Monday-to-Friday calendar would have said Tue 28 and on time).
      ...dispatchAndSign('D4', '2025-01-24 10:00:00', '2025-01-28 09:00:00'),
      // D5: Mon 27 Jan → 28 Jan–4 Feb are holidays → Wed 5 Feb (1st), Thu 6 Feb (2nd) = deadline; signed 6 Feb → on time.
      ...dispatchAndSign('D5', '2025-01-27 10:00:00', '2025-02-06 17:00:00'),
      // D6: Mon 10 Mar, not signed; deadline Wed 12 → known and late (unsigned counts as not on time).
      ...dispatchAndSign('D6', '2025-03-10 10:00:00', null),
    ],
  };
  let db: string;
  let warnings: string[];
  beforeAll(async () => {
    const r = await seedAndBuild(data, '2025-03-31');
    db = r.db;
    warnings = r.report.warnings;
  });

  it('computes deadlines over weekends, a 调休 make-up Sunday and Spring Festival', async () => {
    const rows = await query(db, `select case_id, sign_deadline, signed_on_time from mart_case_lifecycle order by case_id`);
    expect(rows).toEqual([
      { case_id: 'D1', sign_deadline: '2025-03-11', signed_on_time: true },
      { case_id: 'D2', sign_deadline: '2025-03-11', signed_on_time: false },
      { case_id: 'D3', sign_deadline: '2025-03-11', signed_on_time: true },
      { case_id: 'D4', sign_deadline: '2025-01-27', signed_on_time: false },
      { case_id: 'D5', sign_deadline: '2025-02-06', signed_on_time: true },
      { case_id: 'D6', sign_deadline: '2025-03-12', signed_on_time: false },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports sign timeliness beside the indicators: Jan 1/2 (D5 of D4, D5), Mar 2/4 (D1, D3 of D1, D2, D3, D6)', async () => {
    const rows = await query(db, `select strftime(month, '%Y-%m') as m, sign_timely_num as num, sign_timely_den as den from mart_indicators where scope = 'unit' order by month`);
    expect(rows).toEqual([
      { m: '2025-01', num: 1, den: 2 },
      { m: '2025-02', num: 0, den: 0 },
      { m: '2025-03', num: 2, den: 4 },
    ]);
  });
});

describe('a year without a working-day calendar', () => {
  // chinese-days 1.5.7 knows 2004–2026. E1 is dispatched in 2027; E2 on Thu 31 Dec 2026, whose deadline falls in 2027.
  const data: RawData = {
    units,
    cases: ['E1', 'E2'].map((id) => unsatisfiedCase(id)),
    events: [
      ...dispatchAndSign('E1', '2027-03-01 10:00:00', '2027-03-04 10:00:00'),
      ...dispatchAndSign('E2', '2026-12-31 10:00:00', '2027-01-04 10:00:00'),
    ],
  };

  it('leaves sign timeliness unknown and warns loudly, in the report and in build_info', async () => {
    const { db, report } = await seedAndBuild(data, '2027-03-31');
    expect(await query(db, `select case_id, sign_deadline, signed_on_time from mart_case_lifecycle order by case_id`)).toEqual([
      { case_id: 'E1', sign_deadline: null, signed_on_time: null },
      { case_id: 'E2', sign_deadline: null, signed_on_time: null },
    ]);
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings[0]).toMatch(/缺少 2027 年工作日历：2026 年派发的 1 件/);
    expect(report.warnings[1]).toMatch(/缺少 2027 年工作日历：2027 年派发的 1 件/);
    const [info] = await query<{ warnings: string[] }>(db, `select warnings from build_info`);
    expect(info.warnings).toEqual(report.warnings);
    // Unknown is neither on time nor late: March 2027 has an accurate-receipt case but no sign-timeliness denominator.
    const [mar] = await query(db, `select ar_den, sign_timely_num, sign_timely_den, sign_timely_rate from mart_indicators where scope = 'unit' and month = '2027-03-01'`);
    expect(mar).toEqual({ ar_den: 1, sign_timely_num: 0, sign_timely_den: 0, sign_timely_rate: null });
    expect((await query(db, `select case_id from mart_data_quality where issue = 'sign_deadline_unknown' order by 1`)).map((r) => r.case_id)).toEqual(['E1', 'E2']);
  });

  it('uses a user calendar file for 2027 (data/calendar/README.md format)', async () => {
    const dir = tempDir();
    // Every day of 2027: Monday–Friday working, except Tue 2 Mar declared a holiday to prove the file is read.
    const lines = ['date,is_workday'];
    for (let d = new Date(Date.UTC(2027, 0, 1)); d.getUTCFullYear() === 2027; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
      lines.push(`${day},${weekday && day !== '2027-03-02'}`);
    }
    writeFileSync(join(dir, '2027.csv'), lines.join('\n') + '\n');
    const rules = rulesFile(dir, (r) => { r.calendarFiles = ['2027.csv']; });
    const { db, report } = await seedAndBuild(data, '2027-03-31', rules);
    // E1: Mon 1 Mar → 2 Mar holiday → Wed 3 (1st), Thu 4 (2nd); signed Thu 4 → on time.
    // E2: Thu 31 Dec 2026 → Fri 1 Jan 2027 (1st, a working day in this file), Mon 4 Jan (2nd); signed 4 Jan → on time.
    expect(await query(db, `select case_id, sign_deadline, signed_on_time from mart_case_lifecycle order by case_id`)).toEqual([
      { case_id: 'E1', sign_deadline: '2027-03-04', signed_on_time: true },
      { case_id: 'E2', sign_deadline: '2027-01-04', signed_on_time: true },
    ]);
    expect(report.warnings).toEqual([]);
    const [info] = await query(db, `select calendar_first, calendar_last from build_info`);
    expect(info).toEqual({ calendar_first: '2004-01-01', calendar_last: '2027-12-31' });
  });

  it('rejects a malformed calendar file with a one-line UserError naming the line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'date,is_workday\n2027-01-01,false\n2027-13-01,true\n');
    const rules = rulesFile(dir, (r) => { r.calendarFiles = ['bad.csv']; });
    const { db } = await seedAndBuild({ units }, '2025-01-31');
    const err = await build(db, { asOf: '2025-01-31', rulesPath: rules }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/bad\.csv line 3/);
    expect(err.message).not.toContain('\n');
  });
});

describe('the chinese-days calendar', () => {
  it('is the same whatever the machine time zone (chinese-days\' own functions shift by a day west of UTC)', () => {
    const script = `import { chineseDaysCalendar } from './pipeline/calendar.ts';
      const c = chineseDaysCalendar(); const w = new Set(c.workdays);
      console.log(JSON.stringify([c.years[0], c.years.at(-1), c.workdays.length, w.has('2025-01-25'), w.has('2025-01-26'), w.has('2025-01-28'), w.has('2025-02-08')]));`;
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'UTC']) {
      const out = execFileSync('npx', ['tsx', '--eval', script], { encoding: 'utf8', env: { ...process.env, TZ: tz } });
      // Sat 25 Jan off; Sun 26 Jan make-up working day; Tue 28 Jan Spring Festival; Sat 8 Feb make-up working day.
      expect([tz, JSON.parse(out)]).toEqual([tz, [2004, 2026, 5744, false, true, false, true]]);
    }
  });
});
