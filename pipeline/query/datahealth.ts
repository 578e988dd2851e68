// Queries of the 数据 page: load history, rejected rows, data-test results and the rules in force.
import type { Reader } from './core.ts';
import { pageOf, type Page, type Paging } from './paging.ts';
import { maskText } from './mask.ts';

export interface LoadRow { load_id: number; batch_id: number; file: string; kind: string; format: string; encoding: string | null; finished_at: string; rows_read: number; rows_loaded: number; rows_rejected: number; status: string }

export async function loads(reader: Reader, paging: Paging): Promise<Page<LoadRow>> {
  return pageOf<LoadRow>(
    reader,
    'load_id, batch_id, file, kind, format, encoding, finished_at, rows_read, rows_loaded, rows_rejected, status',
    'from loads', 'load_id desc', {}, paging,
  );
}

export interface RejectRow { load_id: number; file: string; line: number; column: string | null; value: string | null; reason: string }

/** Rejected rows (values masked: a rejected phone number is still a phone number). */
export async function rejectRows(reader: Reader, paging: Paging): Promise<Page<RejectRow>> {
  const page = await pageOf<RejectRow>(reader, 'load_id, file, line, "column", value, reason', 'from rejects', 'load_id, line, "column"', {}, paging);
  for (const r of page.rows) r.value = maskText(r.value);
  return page;
}

export interface DataTest { test: string; failing_rows: number; sample: string | null }

export async function dataTests(reader: Reader): Promise<DataTest[]> {
  return reader.rows<DataTest>('select test, failing_rows, sample from data_test_results order by failing_rows desc, test');
}

export interface BuildRecord { as_of: string; built_at: string | null; rules: string | null; calendar_first: string | null; calendar_last: string | null; warnings: string | null }

export async function buildRecord(reader: Reader): Promise<BuildRecord | null> {
  const [b] = await reader.rows<BuildRecord>(
    'select as_of::varchar as as_of, built_at::varchar as built_at, rules::varchar as rules, calendar_first::varchar as calendar_first, calendar_last::varchar as calendar_last, warnings::varchar as warnings from build_info limit 1',
  );
  return b ?? null;
}
