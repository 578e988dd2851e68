// Read one file into DuckDB as text, untouched: a Source is a SQL relation with the file's own
// headers as VARCHAR columns plus `_line` (where a user finds the row: see README.md).
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, exec } from '../db.ts';
import { UserError } from '../errors.ts';
import { Utf8WorkbookReader } from './exceljs-utf8.ts';
import { transcodeGb18030, type Format } from './files.ts';

export interface Source {
  /** `(select _line, "header 1", ... from ...)`: every header column as VARCHAR. */
  rel: string;
  /**
   * When set, `rel` has no `_line`: the rows come in file order and line = row number + this
   * (a CSV with no field spanning lines; it then need not be copied before typing).
   */
  lineFromRowid?: number;
  headers: string[];
  rowsRead: number;
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** First line of a DuckDB/library error, for a one-line user message. */
const gist = (e: unknown) => String((e as Error).message ?? e).split('\n')[0].slice(0, 300);

export async function readSource(conn: DuckDBConnection, file: string, format: Format, encoding: string | null, lines: number, table: string): Promise<Source> {
  switch (format) {
    case 'csv':
      return encoding === 'utf-8' ? (await readCsvInPlace(conn, file, lines)) ?? readCsv(conn, file, false, table) : readCsv(conn, file, true, table);
    case 'xlsx':
      return readXlsx(conn, file, table);
    case 'parquet':
      return readParquet(conn, file, table);
    case 'jsonl':
      return readJsonl(conn, file, table);
  }
}

async function columnsOf(conn: DuckDBConnection, table: string): Promise<string[]> {
  const rows = await all<{ column_name: string }>(conn, `select column_name from (describe ${table})`);
  return rows.map((r) => r.column_name);
}

async function count(conn: DuckDBConnection, table: string): Promise<number> {
  return (await all<{ n: number }>(conn, `select count(*) as n from ${table}`))[0].n;
}

const readCsvSql = (path: string) => `read_csv(${sqlString(path)}, all_varchar = true, header = true)`;

/**
 * A UTF-8 CSV whose record count is its line count minus the header has no quoted line breaks:
 * it is typed straight from the file (one pass fewer) and line = row number + 2.
 */
async function readCsvInPlace(conn: DuckDBConnection, file: string, lines: number): Promise<Source | null> {
  try {
    const records = (await all<{ n: number }>(conn, `select count(*) as n from ${readCsvSql(file)}`))[0].n;
    if (records + 1 !== lines) return null;
    const headers = (await all<{ column_name: string }>(conn, `select column_name from (describe select * from ${readCsvSql(file)})`)).map((r) => r.column_name);
    return { rel: `(select ${headers.map(ident).join(', ')} from ${readCsvSql(file)})`, lineFromRowid: 2, headers, rowsRead: records };
  } catch (e) {
    throw new UserError(`无法读取 CSV 文件 / cannot read CSV ${file}: ${gist(e)}`);
  }
}

/**
 * CSV copied into a temp table (all text); insertion order is file order, so rowid is the record
 * number; line = rowid + 2 (header is line 1) plus the line breaks inside quoted fields of the
 * records before it, counted only when there are any.
 */
async function readCsv(conn: DuckDBConnection, file: string, gb18030: boolean, table: string): Promise<Source> {
  let tmp: string | null = null;
  let path = file;
  try {
    if (gb18030) {
      tmp = mkdtempSync(join(tmpdir(), 'rehandle-gb-'));
      path = join(tmp, 'utf8.csv');
      await transcodeGb18030(file, path);
    }
    await exec(conn, `create temp table ${table} as select * from ${readCsvSql(path)}`);
  } catch (e) {
    throw new UserError(`无法读取 CSV 文件 / cannot read CSV ${file}: ${gist(e)}`);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  const headers = await columnsOf(conn, table);
  const cols = headers.map(ident).join(', ');
  const breaks = headers.map((h) => `coalesce(length(${ident(h)}) - length(replace(${ident(h)}, chr(10), '')), 0)`).join(' + ');
  const anyBreak = headers.map((h) => `contains(${ident(h)}, chr(10))`).join(' or ');
  const multiLine = (await all<{ n: number }>(conn, `select count(*) as n from ${table} where ${anyBreak}`))[0].n > 0;
  const line = multiLine
    ? `rowid + 2 + coalesce(sum(${breaks}) over (order by rowid rows between unbounded preceding and 1 preceding), 0)`
    : 'rowid + 2';
  return { rel: `(select cast(${line} as integer) as _line, ${cols} from ${table})`, headers, rowsRead: await count(conn, table) };
}

/** Parquet: typed columns are cast to text (timestamps with a zone keep their offset). Line = row number. */
async function readParquet(conn: DuckDBConnection, file: string, table: string): Promise<Source> {
  const src = `read_parquet(${sqlString(file)}, file_row_number = true)`;
  try {
    await exec(conn, `create temp view ${table} as select * from ${src}`);
    const headers = (await columnsOf(conn, table)).filter((h) => h !== 'file_row_number');
    const cols = headers.map((h) => `cast(${ident(h)} as varchar) as ${ident(h)}`).join(', ');
    return { rel: `(select cast(file_row_number + 1 as integer) as _line, ${cols} from ${table})`, headers, rowsRead: await count(conn, table) };
  } catch (e) {
    throw new UserError(`无法读取 Parquet 文件 / cannot read Parquet ${file}: ${gist(e)}`);
  }
}

/** JSON Lines: one object per line; keys become columns (values as text). Line = line number. */
async function readJsonl(conn: DuckDBConnection, file: string, table: string): Promise<Source> {
  let headers: string[];
  try {
    await exec(conn, `create temp table ${table} as select json from read_ndjson_objects(${sqlString(file)})`);
    const keys = await all<{ k: string }>(conn, `select k from (select unnest(json_keys(json)) as k, rowid as r from ${table}) group by k order by min(r), k`);
    headers = keys.map((r) => r.k);
  } catch (e) {
    throw new UserError(`无法读取 JSON Lines 文件 / cannot read JSON Lines ${file}: ${gist(e)}`);
  }
  const cols = headers.map((h) => `json_extract_string(json, ${sqlString(`$."${h.replace(/"/g, '\\"')}"`)}) as ${ident(h)}`).join(', ');
  return { rel: `(select cast(rowid + 1 as integer) as _line${cols ? ', ' + cols : ''} from ${table})`, headers, rowsRead: await count(conn, table) };
}

/** Text of one XLSX cell as a user sees it; dates as local 'YYYY-MM-DD HH:MM:SS'. */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    // exceljs turns a date cell's serial into a Date whose UTC fields are the wall-clock time.
    const d = new Date(Math.round(v.getTime() / 1000) * 1000);
    return d.toISOString().slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return null;
    return null;
  }
  const s = String(v);
  return s.trim() === '' ? null : s;
}

/**
 * XLSX through exceljs's streaming reader, first sheet only, appended into a text table.
 * The first non-empty row is the header; rows whose cells are all empty are skipped;
 * `_line` is the sheet's row number as Excel shows it.
 */
async function readXlsx(conn: DuckDBConnection, file: string, table: string): Promise<Source> {
  let headers: string[] | null = null;
  let rows = 0;
  let appender: Awaited<ReturnType<DuckDBConnection['createAppender']>> | null = null;
  try {
    const reader = new Utf8WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((x) => x === null)) continue;
        if (!headers) {
          headers = uniqueHeaders(values);
          await exec(conn, `create temp table ${table} (_line integer, ${headers.map((h) => `${ident(h)} varchar`).join(', ')})`);
          appender = await conn.createAppender(table, 'main', 'temp');
          continue;
        }
        appender!.appendInteger(row.number);
        for (let i = 0; i < headers.length; i++) {
          const x = values[i] ?? null;
          if (x === null) appender!.appendNull();
          else appender!.appendVarchar(x);
        }
        appender!.endRow();
        rows++;
      }
      break; // first sheet only
    }
    appender?.flushSync();
  } catch (e) {
    throw new UserError(`无法读取 XLSX 文件 / cannot read XLSX ${file}: ${gist(e)}`);
  } finally {
    appender?.closeSync();
  }
  if (!headers) throw new UserError(`XLSX 文件第一个工作表是空的 / the first sheet is empty: ${file}`);
  return { rel: `(select * from ${table})`, headers, rowsRead: rows };
}

/** Header cells as column names: empty ones get a placeholder, repeated ones a suffix. */
function uniqueHeaders(cells: Array<string | null>): string[] {
  const seen = new Set<string>();
  return cells.map((c, i) => {
    let h = c?.trim() || `column${i + 1}`;
    while (seen.has(h)) h += '_';
    seen.add(h);
    return h;
  });
}
