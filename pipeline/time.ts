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
