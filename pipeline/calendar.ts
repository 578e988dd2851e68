// Builds the working-day calendar table `calendar(day date, is_workday boolean, source varchar)`
// once per build: every year chinese-days knows (its holidays and 调休 make-up working days), then
// the user's calendar files (data/calendar/README.md), which win over chinese-days for their days.
// A year is "covered" only when every one of its days is in the table; the models never guess a
// working day for an uncovered year (sign timeliness becomes unknown there).
import chineseDays from 'chinese-days';
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, exec } from './db.ts';
import { UserError } from './errors.ts';

/** Years chinese-days has an official schedule for: a year it knows has weekday holidays (Spring Festival at least). */
export function chineseDaysYears(): number[] {
  const years: number[] = [];
  for (let y = 2000; y <= 2100; y++) {
    if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) years.push(y);
  }
  return years;
}

/** Working days (weekends that are make-up days included) of the given years, from chinese-days. */
function chineseDaysWorkdays(years: number[]): string[] {
  return years.flatMap((y) => chineseDays.getWorkdaysInRange(`${y}-01-01`, `${y}-12-31`, true));
}

export interface CalendarSummary {
  first: string | null;
  last: string | null;
  /** Years with every day present. */
  coveredYears: number[];
}

/** (Re)create the calendar table in `conn`. Throws UserError for a missing or malformed calendar file. */
export async function buildCalendar(conn: DuckDBConnection, calendarFiles: string[]): Promise<CalendarSummary> {
  const years = chineseDaysYears();
  await exec(conn, `create or replace table calendar (day date primary key, is_workday boolean not null, source varchar not null)`);
  if (years.length) {
    // One set-based insert: every day of the known years, flagged by membership in the workday list.
    await exec(
      conn,
      `insert into calendar
       with days as (
         select unnest(generate_series(make_date(?::int, 1, 1), make_date(?::int, 12, 31), interval 1 day))::date as day
       ), workdays as (
         select distinct unnest(from_json(?::varchar, '["varchar"]'))::date as day
       )
       select d.day, w.day is not null, 'chinese-days'
       from days d left join workdays w using (day)
       where year(d.day) in (select unnest(from_json(?::varchar, '["int"]')))`,
      [years[0], years[years.length - 1], JSON.stringify(chineseDaysWorkdays(years)), JSON.stringify(years)],
    );
  }
  for (const file of calendarFiles) await mergeCalendarFile(conn, file);
  const [s] = await all<{ first: string | null; last: string | null; covered: number[] | null }>(
    conn,
    `with per_year as (
       select year(day) as y, count(*) as n from calendar group by 1
     )
     select (select min(day) from calendar)::varchar as first, (select max(day) from calendar)::varchar as last,
            (select list(y order by y) from per_year
              where n = date_diff('day', make_date(y, 1, 1), make_date(y + 1, 1, 1))) as covered`,
  );
  return { first: s.first, last: s.last, coveredYears: s.covered ?? [] };
}

/** A user calendar: CSV with header `date,is_workday`, one row per day; it overrides chinese-days for its days. */
async function mergeCalendarFile(conn: DuckDBConnection, file: string): Promise<void> {
  if (!existsSync(file)) throw new UserError(`工作日历文件不存在 / calendar file not found: ${file} (listed in rules "calendarFiles")`);
  const read = `read_csv(?, header = true, columns = {'date': 'varchar', 'is_workday': 'varchar'}, auto_detect = false)`;
  let bad: { line: number; date: string | null; is_workday: string | null }[];
  try {
    bad = await all(
      conn,
      `select line, date, is_workday from (
         select row_number() over () + 1 as line, date, is_workday from ${read}
       ) where try_strptime(trim(date), '%Y-%m-%d') is null
            or lower(trim(is_workday)) not in ('true', 'false', '1', '0')
       limit 1`,
      [file],
    );
  } catch (e) {
    throw new UserError(`无法读取工作日历 / cannot read calendar file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (bad.length) {
    const b = bad[0];
    throw new UserError(
      `工作日历格式错误 / bad calendar file ${file} line ${b.line}: expected "YYYY-MM-DD,true|false", got "${b.date},${b.is_workday}"`,
    );
  }
  const [dup] = await all<{ day: string }>(
    conn,
    `select trim(date) as day from ${read} group by 1 having count(*) > 1 limit 1`,
    [file],
  );
  if (dup) throw new UserError(`工作日历日期重复 / calendar file ${file} lists ${dup.day} twice`);
  await exec(
    conn,
    `insert or replace into calendar
     select strptime(trim(date), '%Y-%m-%d')::date, lower(trim(is_workday)) in ('true', '1'), ?
     from ${read}`,
    [`file:${file}`, file],
  );
}
