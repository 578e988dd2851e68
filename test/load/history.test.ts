// Load history: reloading changes nothing, later loads replace cases, unreadable input changes nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../pipeline/errors.ts';
import { loadPaths } from '../../pipeline/load/index.ts';
import { FIXTURES, query, tempDir, writeFiles } from './helpers.ts';

const basic = join(FIXTURES, 'basic');
const counts = (db: string) => query(db, `select (select count(*) from raw_units) as u, (select count(*) from raw_cases) as c,
  (select count(*) from raw_events) as e, (select count(*) from raw_audits) as a, (select count(*) from rejects) as r`);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('reloading', () => {
  it('skips files already loaded; --force reloads without duplicating anything', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await loadPaths(db, [basic], {});
    const before = await counts(db);
    expect(before).toEqual([{ u: 2, c: 3, e: 7, a: 2, r: 0 }]);

    const again = await loadPaths(db, [basic], {});
    expect(again.files.map((f) => [f.kind, f.status, f.rows_read, f.rows_loaded])).toEqual([
      ['audits', 'skipped_duplicate', 0, 0], ['cases', 'skipped_duplicate', 0, 0],
      ['events', 'skipped_duplicate', 0, 0], ['units', 'skipped_duplicate', 0, 0],
    ]);
    expect(await counts(db)).toEqual(before);
    expect(await query(db, "select batch_id, count(*) as n from loads group by batch_id order by batch_id")).toEqual([{ batch_id: 1, n: 4 }, { batch_id: 2, n: 4 }]);

    // The same content under another name is the same file; other files in a folder are ignored.
    const withReadme = writeFiles({ 'units.csv': readFileSync(join(basic, 'units.csv')), 'README.txt': 'notes', 'map.json': '{}' });
    expect((await loadPaths(db, [withReadme], {})).files.map((f) => [f.file.split('/').pop(), f.status])).toEqual([['units.csv', 'skipped_duplicate']]);
    const copy = writeFiles({ 'cases-copy.csv': readFileSync(join(basic, 'cases.csv')) });
    expect((await loadPaths(db, [copy], {})).files[0].status).toBe('skipped_duplicate');

    const forced = await loadPaths(db, [basic], { force: true });
    expect(forced.files.map((f) => [f.kind, f.status, f.rows_loaded, f.rows_skipped])).toEqual([
      ['units', 'loaded', 2, 0], ['cases', 'loaded', 3, 0], ['events', 'loaded', 0, 7], ['audits', 'loaded', 0, 2],
    ]);
    expect(await counts(db)).toEqual(before);
  });

  it('a later case row replaces the stored one; within a file the last row wins', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await loadPaths(db, [join(basic, 'cases.csv')], {});
    const update = writeFiles({
      'cases-update.csv': 'case_id,content,satisfaction\nC1,第一次更正,不满意\nC1,第二次更正,满意\nC9,新工单,\n',
    });
    const r = await loadPaths(db, [update], {});
    expect(r.files.map((f) => [f.rows_read, f.rows_loaded, f.rows_rejected, f.rows_skipped])).toEqual([[3, 2, 0, 1]]);
    expect(await query(db, 'select case_id, content, satisfaction, received_at, _load_id, _line from raw_cases order by case_id')).toEqual([
      // The whole row is replaced: columns the new file lacks become empty.
      { case_id: 'C1', content: '第二次更正', satisfaction: 'satisfied', received_at: null, _load_id: 2, _line: 3 },
      { case_id: 'C2', content: '咨询停车', satisfaction: 'unsatisfied', received_at: '2025-03-05 14:03:00', _load_id: 1, _line: 4 },
      { case_id: 'C3', content: '噪音', satisfaction: 'none', received_at: '2025-03-07 10:00:00', _load_id: 1, _line: 5 },
      { case_id: 'C9', content: '新工单', satisfaction: null, received_at: null, _load_id: 2, _line: 4 },
    ]);
  });
});

describe('unreadable input', () => {
  const bad: Array<[string, Record<string, string | Buffer>, RegExp]> = [
    ['a corrupt XLSX', { 'cases.xlsx': Buffer.from('PK\u0003\u0004 this is not a zip at all') }, /cannot read XLSX/],
    ['an unsupported format', { 'cases.docx': 'hello' }, /unsupported file format/],
    ['a header matching no kind', { 'data.csv': 'foo,bar\n1,2\n' }, /cannot tell what .*data\.csv holds/],
    ['a file missing a required column', { 'events.csv': 'case_id,type\nC1,dispatch\n' }, /missing required column "at"/],
    // DuckDB's sniffer then reads the whole line as one column, so the required column is missing.
    ['a CSV whose rows do not match its header', { 'cases.csv': 'case_id,content\nC7,a,b\nC8,x\n' }, /missing required column "case_id"/],
    ['invalid JSON Lines', { 'cases.jsonl': '{"case_id": "C7"}\n{not json\n' }, /cannot read JSON Lines/],
  ];

  it.each(bad)('%s fails the whole load with one line and changes nothing', async (_what, files, message) => {
    const db = join(tempDir(), 'w.duckdb');
    await loadPaths(db, [basic], {});
    const before = sha(db);
    const dir = writeFiles(files);
    // Given explicitly, next to a good file: nothing of the good file is written either.
    const good = writeFiles({ 'cases-more.csv': 'case_id\nC100\n' });
    const paths = [join(good, 'cases-more.csv'), ...Object.keys(files).map((n) => join(dir, n))];
    const err = await loadPaths(db, paths, {}).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
    expect(sha(db)).toBe(before);
  });

  it('a missing file fails before anything is opened', async () => {
    const db = join(tempDir(), 'w.duckdb');
    const err = await loadPaths(db, [join(tempDir(), 'nope.csv')], {}).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/file not found/);
  });
});

describe('mapping files (--map)', () => {
  it('renames, concatenates and fills constant columns', async () => {
    const dir = writeFiles({
      'export.csv': '编号,时间,主题,详情,用户\nM1,2019/2/28 11:25:05,  路灯坏了 ,"\n\t\t\t\n\t\t小区门口路灯不亮\n",A001\nM2,43856.8244,噪音,,A002\n',
      'map.json': JSON.stringify({ kind: 'cases', columns: { 编号: 'case_id', 时间: 'received_at', 用户: 'caller_id' }, concat: { content: ['主题', '详情'] }, constants: { channel: 'web' } }),
    });
    const db = join(tempDir(), 'w.duckdb');
    const r = await loadPaths(db, [join(dir, 'export.csv')], { map: join(dir, 'map.json') });
    expect(r.files[0]).toMatchObject({ kind: 'cases', rows_loaded: 2, rows_rejected: 0 });
    expect(await query(db, 'select case_id, received_at, caller_id, content, channel from raw_cases order by case_id')).toEqual([
      { case_id: 'M1', received_at: '2019-02-28 11:25:05', caller_id: 'A001', content: '路灯坏了\n小区门口路灯不亮', channel: 'web' },
      // 43856.8244 d: 0.8244 × 86400 = 71228.16 s → 19:47:08
      { case_id: 'M2', received_at: '2020-01-26 19:47:08', caller_id: 'A002', content: '噪音', channel: 'web' },
    ]);
  });

  it.each([
    ['not JSON', '{kind: cases', /cannot read mapping file/],
    ['an unknown canonical column', JSON.stringify({ columns: { a: 'case_number' } }), /unknown canonical column "case_number"/],
    ['an unknown kind', JSON.stringify({ kind: 'calls' }), /kind must be one of/],
    ['a source column the file lacks', JSON.stringify({ columns: { 编码: 'case_id' } }), /mapped column "编码" not found/],
  ])('rejects a mapping file with %s', async (_what, body, message) => {
    const dir = writeFiles({ 'cases.csv': 'case_id\nC1\n', 'map.json': body });
    const db = join(tempDir(), 'w.duckdb');
    const err = await loadPaths(db, [join(dir, 'cases.csv')], { map: join(dir, 'map.json') }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(message);
  });
});
