// The loader's fast paths give the same result as the slow ones they skip (pipeline/load/README.md, Speed):
// the one-pass write of units and cases (tables without a primary key) against the staged write
// (which a database made by the older schema.sql, with primary keys, still takes), and the
// timestamp parser's shortcut for `YYYY-MM-DD HH:MM:SS` against the full parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, exec, openMemory, withWriteDb } from '../../pipeline/db.ts';
import { loadPaths } from '../../pipeline/load/index.ts';
import { TIMESTAMP_MACROS_SQL } from '../../pipeline/time.ts';
import { FIXTURES, query, tempDir, writeFiles } from './helpers.ts';

const SCHEMA = new URL('../../pipeline/schema.sql', import.meta.url).pathname;

/** schema.sql as it was before: unit_id and case_id primary keys. */
function oldSchema(): string {
  const ddl = readFileSync(SCHEMA, 'utf8')
    .replace(/^(\s*unit_id\s+varchar),.*$/m, '$1 primary key,')
    .replace(/^(\s*case_id\s+varchar),\s*--.*$/m, '$1 primary key,');
  return ddl;
}

const CASES_UPDATE = [
  'case_id,received_at,channel,content,out_of_scope_declared,closed_at,satisfaction',
  'C1,2025-03-09 08:00:00,电话,第一次更正,否,,不满意',
  ',2025-03-09 08:00:00,web,没有编号,,,',
  'C4,2025-13-40 25:00:00,web,坏时间,,,',
  'C5,2025-03-09 08:00,飞鸽,坏渠道,也许,,很好',
  'C1,45726.5,网站,第二次更正,是,2025-03-10T10:00:00+08:00,满意',
  'C6, 2025/3/9 9:05 ,app,好的,1,2025-03-10 10:00:00-05:00,未评价',
  'C6,2025-03-09 09:06:00,app,后来的,0,,',
  '',
].join('\n');
// A quoted line break: read through a copy, `_line` counted from the text.
const CASES_MULTILINE = 'case_id,received_at,content\nC7,2025-03-11 10:00:00,"两行\n内容"\nC2,bad,改\nC8,2025-03-11 11:00:00,好\n';
const UNITS_UPDATE = 'unit_id,unit_name,unit_type\nU1,新名字,街道\nU1,再改名,street\n,无编号,街道\nU9,坏类型,乡镇\n';

async function snapshot(db: string) {
  return {
    units: await query(db, 'select * exclude (_file) from raw_units order by unit_id, _load_id, _line'),
    cases: await query(db, 'select * exclude (_file) from raw_cases order by case_id, _load_id, _line'),
    rejects: await query(db, 'select load_id, line, "column", value, reason from rejects order by load_id, line, "column"'),
    loads: await query(db, 'select load_id, kind, rows_read, rows_loaded, rows_rejected, status from loads order by load_id'),
    unique: await query(db, `select (select count(*) - count(distinct case_id) from raw_cases) as cases,
      (select count(*) - count(distinct unit_id) from raw_units) as units`),
  };
}

async function loadSequence(db: string) {
  const dir = writeFiles({ 'cases-update.csv': CASES_UPDATE, 'cases-multiline.csv': CASES_MULTILINE, 'units-update.csv': UNITS_UPDATE });
  const reports = [];
  reports.push(await loadPaths(db, [join(FIXTURES, 'basic')], {}));
  reports.push(await loadPaths(db, [join(dir, 'units-update.csv'), join(dir, 'cases-update.csv')], {}));
  reports.push(await loadPaths(db, [join(dir, 'cases-multiline.csv')], {}));
  reports.push(await loadPaths(db, [join(dir, 'cases-update.csv')], { force: true }));
  return reports.map((r) => r.files.map(({ file, ...rest }) => ({ ...rest, file: file.split('/').pop() })));
}

describe('one-pass write of units and cases', () => {
  it('loads, rejects and replaces exactly like the staged write of a database with primary keys', async () => {
    const fresh = join(tempDir(), 'w.duckdb');
    const old = join(tempDir(), 'w.duckdb');
    await withWriteDb(old, ({ conn }) => exec(conn, oldSchema()));

    const freshReports = await loadSequence(fresh);
    const oldReports = await loadSequence(old);
    expect(freshReports).toEqual(oldReports);
    const a = await snapshot(fresh);
    expect(a).toEqual(await snapshot(old));

    // The old database kept its keys (so it took the staged path); the new one has none.
    const keys = (db: string) => query(db, "select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY' and table_name in ('raw_units', 'raw_cases') order by 1");
    expect(await keys(old)).toEqual([{ table_name: 'raw_cases' }, { table_name: 'raw_units' }]);
    expect(await keys(fresh)).toEqual([]);

    // Keys stay unique without the index; the checks did fire; nothing of a failed row is left.
    expect(a.unique).toEqual([{ cases: 0, units: 0 }]);
    expect(a.rejects.length).toBeGreaterThanOrEqual(8);
    expect(await query(fresh, 'select count(*) as n from raw_cases where _load_id < 0 or _load_id is null')).toEqual([{ n: 0 }]);
    expect(a.cases.find((c) => c.case_id === 'C6')).toMatchObject({ content: '后来的', _line: 8 });
    expect(a.cases.find((c) => c.case_id === 'C8')).toMatchObject({ _line: 5 });
    expect(a.rejects.filter((r) => r.load_id === 7)).toEqual([
      expect.objectContaining({ line: 4, column: 'received_at', value: 'bad' }),
    ]);
  });
});

describe('line numbers of a file big enough to be read in parallel', () => {
  it('are the physical lines, for cases (one pass) and events (staged)', async () => {
    // Before the one-pass write, a `lower(x) in (...)` list planned as joins reordered the staged
    // rows of such a file: every `_line` of a 1M-row load was wrong. Row i is on line i + 2.
    const dir = tempDir();
    const mem = await openMemory();
    try {
      await exec(mem.conn, `copy (select 'C' || i as case_id, '2025-03-01 08:00:00' as received_at,
        case when i % 2 = 0 then '电话' else 'web' end as channel, '诉求内容' || i as content from range(200000) t(i)) to '${dir}/cases.csv' (header)`);
      await exec(mem.conn, `copy (select 'E' || i as event_id, 'C' || i as case_id, '派发' as type, '2025-03-02 08:00:00' as "at",
        'U1' as unit_id from range(200000) t(i)) to '${dir}/events.csv' (header)`);
    } finally {
      mem.close();
    }
    const db = join(dir, 'w.duckdb');
    await loadPaths(db, [join(dir, 'cases.csv'), join(dir, 'events.csv')], {});
    expect(await query(db, `select
      (select count(*) filter (where _line = cast(substr(case_id, 2) as integer) + 2) from raw_cases) as cases,
      (select count(*) filter (where _line = cast(substr(event_id, 2) as integer) + 2) from raw_events) as events`)).toEqual([{ cases: 200000, events: 200000 }]);
  });
});

describe('rh_ts shortcut', () => {
  it('gives what the full parser gives for every value of the shortcut shape', async () => {
    // Random real timestamps shaped `____-__-__ __:__:__`, half of them with one to three
    // characters replaced by those the other branches look for (offsets, Z, dots, slashes, spaces).
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const odd = '+-:Zz/. T0123456789';
    const values: string[] = ['2024-12-25 14:03:22', '2024-02-30 10:00:00', '2024-12-25 14:03+08', '2024-1-2 1:03+08:00', '2024-12-25 14:03:2Z'];
    for (let i = 0; i < 20000; i++) {
      const t = new Date(Date.UTC(1990, 0, 1) + Math.floor(rnd() * 50 * 365 * 86400) * 1000).toISOString();
      const chars = `${t.slice(0, 10)} ${t.slice(11, 19)}`.split('');
      if (rnd() < 0.5) {
        for (let k = Math.floor(rnd() * 3); k >= 0; k--) {
          const at = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18][Math.floor(rnd() * 14)];
          chars[at] = odd[Math.floor(rnd() * odd.length)];
        }
      }
      values.push(chars.join(''));
    }
    const full = TIMESTAMP_MACROS_SQL.replace(/^.*s like '____-__-__ __:__:__'.*\n/m, '').replace(/rh_ts\(/g, 'rh_ts_full(').replace(/rh_date\(/g, 'rh_date_full(');
    expect(full).not.toContain('like');
    const mem = await openMemory();
    try {
      await exec(mem.conn, TIMESTAMP_MACROS_SQL + full);
      await exec(mem.conn, 'create table v (s varchar)');
      const appender = await mem.conn.createAppender('v');
      for (const v of values) {
        appender.appendVarchar(v);
        appender.endRow();
      }
      appender.closeSync();
      const [r] = await all<{ n: number; differ: number; parsed: number }>(mem.conn, `select count(*) as n,
        count(*) filter (where rh_ts(s) is distinct from rh_ts_full(s) or rh_date(s) is distinct from rh_date_full(s)) as differ,
        count(rh_ts(s)) as parsed from v`);
      expect(r.n).toBe(values.length);
      expect(r.differ).toBe(0);
      expect(r.parsed).toBeGreaterThan(10000); // the sample does reach the cast
      expect(r.parsed).toBeLessThan(values.length); // and its failures
    } finally {
      mem.close();
    }
  });
});
