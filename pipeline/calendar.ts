// Builds the working-day calendar table `calendar(day date, is_workday boolean, source varchar)`
// once per build: every year chinese-days knows (its holidays and 调休 make-up working days), then
// the user's calendar files (data/calendar/README.md), which win over chinese-days for their days.
// A year is "covered" only when every one of its days is in the table; the models never guess a
// working day for an uncovered year (sign timeliness becomes unknown there).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, exec } from './db.ts';
import { UserError } from './errors.ts';

interface ChineseDaysData {
  holidays: Record<string, string>;
  /** 调休 make-up working days (weekend days declared working days) */
  workdays: Record<string, string>;
}

/**
 * chinese-days' published schedule, read from its data file rather than through its functions: those
 * parse 'YYYY-MM-DD' as UTC midnight and then work in the machine's local time, so on a machine west of
 * UTC every answer (and the package's own lookup tables) is shifted by one day. The data file holds
 * plain date strings and is the same data the functions are built from.
 */
function chineseDaysData(): ChineseDaysData {
  const file = join(dirname(createRequire(import.meta.url).resolve('chinese-days/package.json')), 'dist', 'chinese-days.json');
  return JSON.parse(readFileSync(file, 'utf8')) as ChineseDaysData;
}

/** The years chinese-days has a schedule for (2004–2026 in 1.5.7) and their working days, 调休 make-up days included. */
export function chineseDaysCalendar(): { years: number[]; workdays: string[] } {
  const data = chineseDaysData();
  const years = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  const workdays: string[] = [];
  for (const year of years) {
    for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
      if (data.workdays[day] || (weekday && !data.holidays[day])) workdays.push(day);
    }
  }
  return { years, workdays };
}

export interface CalendarSummary {
  first: string | null;
  last: string | null;
  /** Years with every day present. */
  coveredYears: number[];
}

/** (Re)create the calendar table in `conn`. Throws UserError for a missing or malformed calendar file. */
export async function buildCalendar(conn: DuckDBConnection, calendarFiles: string[]): Promise<CalendarSummary> {
  const { years, workdays } = chineseDaysCalendar();
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
      [years[0], years[years.length - 1], JSON.stringify(workdays), JSON.stringify(years)],
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
