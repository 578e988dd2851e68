// Server-side pagination shared by every table query: a count and one page of rows, both with the
// same bound filter parameters. `pageSize: 0` means "all rows" (exports), capped at EXPORT_MAX.
import type { Reader } from './core.ts';
import type { Row } from '../db.ts';

export const PAGE_SIZE = 50;
/** An export holds at most this many rows (an XLSX sheet allows 1,048,576). */
export const EXPORT_MAX = 200_000;

export interface Paging { page?: number; pageSize?: number }
export interface Page<T> { rows: T[]; total: number; page: number; pageSize: number }

/**
 * `from` is the FROM … WHERE … part (no ORDER BY), `select` the column list, `orderBy` an
 * allow-listed ORDER BY clause. Parameters are bound by name. `wrap` may turn the page's SELECT
 * into a larger query (e.g. join details to just the rows of the page).
 */
export async function pageOf<T = Row>(
  reader: Reader, select: string, from: string, orderBy: string, params: Record<string, unknown>, paging: Paging,
  wrap: (pageSql: string) => string = (sql) => sql,
): Promise<Page<T>> {
  const pageSize = paging.pageSize === 0 ? EXPORT_MAX : (paging.pageSize ?? PAGE_SIZE);
  const [{ n }] = await reader.rows<{ n: number }>(`select count(*) as n ${from}`, params);
  const pages = Math.max(1, Math.ceil(n / pageSize));
  const page = Math.min(Math.max(1, paging.page ?? 1), pages);
  const rows = await reader.rows<T>(
    wrap(`select ${select} ${from} order by ${orderBy} limit ${pageSize} offset ${(page - 1) * pageSize}`), params,
  );
  return { rows, total: n, page, pageSize };
}

/**
 * WHERE clause and parameters of the filters that are set: `{ name: [value, sql] }`, where `sql` is
 * a fixed fragment using `$name`. Unset ('' or undefined) filters leave the SQL entirely.
 */
export function whereOf(filters: Record<string, [string | undefined, string]>): { where: string; params: Record<string, string> } {
  const set = Object.entries(filters).filter(([, [value]]) => value);
  return {
    where: set.length ? `where ${set.map(([, [, sql]]) => sql).join(' and ')}` : '',
    params: Object.fromEntries(set.map(([name, [value]]) => [name, value as string])),
  };
}

/** 'YYYY-MM' → 'YYYY-MM-01' for binding against month (date) columns; '' stays ''. */
export function monthDate(month: string | undefined): string {
  return month ? `${month}-01` : '';
}
