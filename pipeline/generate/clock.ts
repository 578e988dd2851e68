// Wall-clock arithmetic for generated data. Every instant is a count of seconds on the
// Asia/Shanghai wall clock (as if that clock were UTC), so no time zone or DST enters here:
// the machine's TZ cannot change the output. "Today" comes from pipeline/time.ts.
import { chineseDaysCalendar } from '../calendar.ts';

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

/** Day number (days since 1970-01-01) of a civil date; month is 1-based. */
export function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Month index (year*12 + month-1) of a 'YYYY-MM' string. */
export function monthIndexOf(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

export function firstDayOfMonth(mi: number): number {
  return dayOf(Math.floor(mi / 12), (mi % 12) + 1, 1);
}

export function monthIndexOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function monthLabel(mi: number): string {
  return `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;
}

/** Calendar month of `mi` (1–12). */
export function monthOfYear(mi: number): number {
  return (mi % 12) + 1;
}

/** The day N calendar months after `day`, clamped to the month's end (01-31 + 1 month = 02-28/29). */
export function addMonthsClamped(day: number, n: number): number {
  const d = new Date(day * 86_400_000);
  const target = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const lastDay = firstDayOfMonth(target + 1) - 1;
  return Math.min(firstDayOfMonth(target) + d.getUTCDate() - 1, lastDay);
}

const dateCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number. */
export function fmtDate(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}

const two = (n: number) => (n < 10 ? '0' + n : String(n));

/** 'YYYY-MM-DD HH:MM:SS' of a wall-clock second. */
export function fmtTs(sec: number): string {
  const day = Math.floor(sec / DAY);
  const r = sec - day * DAY;
  return `${fmtDate(day)} ${two(Math.floor(r / HOUR))}:${two(Math.floor((r % HOUR) / MINUTE))}:${two(r % MINUTE)}`;
}

/** Day of week, 0 = Sunday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

let calendar: { years: Set<number>; workdays: Set<string> } | null = null;

/**
 * Chinese working day: weekends, public holidays and 调休 make-up days, from the project's
 * calendar source (pipeline/calendar.ts reads chinese-days' data, whatever the machine's TZ);
 * plain weekends for years it does not know.
 */
export function isWorkday(day: number): boolean {
  if (!calendar) {
    const c = chineseDaysCalendar();
    calendar = { years: new Set(c.years), workdays: new Set(c.workdays) };
  }
  const date = fmtDate(day);
  if (calendar.years.has(Number(date.slice(0, 4)))) return calendar.workdays.has(date);
  const wd = weekday(day);
  return wd !== 0 && wd !== 6;
}

/** The Nth working day strictly after `day` (N >= 1). */
export function addWorkdays(day: number, n: number): number {
  let d = day;
  while (n > 0) {
    d++;
    if (isWorkday(d)) n--;
  }
  return d;
}

/** Move an instant off non-working days to the next working day's office hours. */
export function toOfficeHours(sec: number, jitter: number): number {
  let day = Math.floor(sec / DAY);
  let r = sec - day * DAY;
  if (!isWorkday(day) || r >= 18 * HOUR) {
    day = isWorkday(day) ? addWorkdays(day, 1) : addWorkdays(day - 1, 1);
    r = 8 * HOUR + 30 * MINUTE + Math.floor(jitter * 2 * HOUR);
  } else if (r < 8 * HOUR + 30 * MINUTE) {
    r = 8 * HOUR + 30 * MINUTE + Math.floor(jitter * HOUR);
  }
  return day * DAY + r;
}
