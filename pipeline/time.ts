// The one place for time-zone handling. Every date the product shows or computes is local to
// Asia/Shanghai (UTC+8, no daylight saving); dates travel as zoneless 'YYYY-MM-DD' strings.
export const TIME_ZONE = 'Asia/Shanghai';

/** Today's date in Asia/Shanghai as YYYY-MM-DD, whatever the machine's TZ. */
export function todayLocal(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Current local timestamp 'YYYY-MM-DD HH:MM:SS' in Asia/Shanghai. */
export function nowLocal(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(now);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Validate a YYYY-MM-DD argument; returns null when it is not a real calendar date. */
export function parseDateArg(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? s : null;
}

/** Validate a YYYY-MM argument; returns null when malformed. */
export function parseMonthArg(s: string): string | null {
  const m = MONTH_RE.exec(s);
  return m && +m[2] >= 1 && +m[2] <= 12 ? s : null;
}

/**
 * DuckDB macros that parse every accepted timestamp form to a zoneless Asia/Shanghai local
 * TIMESTAMP, set-based (the loader calls them over whole columns). NULL when unparseable.
 * - `2024-12-25 14:03:22`, `2024/12/25 14:03`, `2019/2/28 11:25:05`, `2024-12-25`, `2024-12-25T14:03`
 *   and other naive forms: already local.
 * - ISO 8601 with `Z` or an offset (`+08:00`, `+0800`, `-05`): converted to Asia/Shanghai.
 * - Excel serial numbers (days since 1899-12-30, fraction = time of day), rounded to the second.
 * `rh_date` is the local date of the same (a time of day, if given, is dropped).
 * The session time zone is irrelevant: the offset conversion names the zone explicitly.
 * Fast path first: a value shaped `____-__-__ __:__:__` (the common case) can match neither regex
 * below (it has a '-' at 5, and its ':' at 17 rules out every offset ending), so it goes straight
 * to the cast the last branch would do; the regexes cost several times the cast.
 */
export const TIMESTAMP_MACROS_SQL = `
create or replace temp macro rh_ts(s) as (
  case
    when s is null then null
    when s like '____-__-__ __:__:__' then try_cast(replace(s, '/', '-') as timestamp)
    when regexp_full_match(s, '\\d{1,7}(\\.\\d+)?') then
      case when try_cast(s as double) between 1 and 2958465
        then timestamp '1899-12-30' + to_microseconds(cast(round(try_cast(s as double) * 86400) as bigint) * 1000000) end
    when regexp_matches(s, '\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*(Z|z|[+-]\\d\\d(:?\\d\\d)?)$') then
      timezone('${TIME_ZONE}', try_cast(replace(s, '/', '-') as timestamptz))
    else try_cast(replace(s, '/', '-') as timestamp)
  end
);
create or replace temp macro rh_date(s) as (cast(rh_ts(s) as date));
`;
