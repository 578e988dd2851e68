// The generator is a pure function of its arguments: same seed → same bytes in every format,
// another seed → other data; the hidden truth never lands inside the data folder; the current
// partial month holds nothing after today; bad arguments fail in one line.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok, rehandle, tempDir } from '../cli/run.ts';
import { generate } from '../../pipeline/generate/index.ts';
import { todayLocal } from '../../pipeline/time.ts';
import { all, openReadOnly } from '../../pipeline/db.ts';

const ALL = 'csv,gb18030,xlsx,parquet,jsonl';

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[prefix + e.name] = createHash('sha256').update(readFileSync(join(d, e.name))).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

describe('generate: determinism and layout', () => {
  const root = tempDir('gen-det');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const run = (name: string, seed: number, format = ALL) =>
    ok(['generate', '--out', join(root, name), '--cases', '1500', '--months', '4', '--end', '2025-06', '--seed', String(seed), '--format', format]);

  it('gives byte-identical files for one seed, in every format, and different data for another seed', () => {
    run('a', 11);
    run('b', 11);
    run('c', 12);
    const a = hashes(join(root, 'a'));
    expect(Object.keys(a).sort()).toEqual(['csv', 'gb18030', 'jsonl', 'parquet', 'xlsx'].flatMap((f) =>
      ['audits', 'cases', 'events', 'units'].map((k) => `${f}/${k}.${f === 'gb18030' ? 'csv' : f}`)).sort());
    expect(hashes(join(root, 'b'))).toEqual(a);
    expect(readFileSync(join(root, 'b.truth.json'), 'utf8')).toBe(readFileSync(join(root, 'a.truth.json'), 'utf8'));
    const c = hashes(join(root, 'c'));
    expect(c['csv/cases.csv']).not.toBe(a['csv/cases.csv']);
    expect(c['csv/events.csv']).not.toBe(a['csv/events.csv']);
  });

  // West of Greenwich too: chinese-days' functions are a day off there, the calendar data is not.
  it('writes the same rows whatever the machine time zone', () => {
    const args = (name: string) => ['generate', '--out', join(root, name), '--cases', '1500', '--months', '4', '--end', '2025-06', '--seed', '11', '--format', 'csv'];
    ok(args('tz-utc'), { TZ: 'UTC' });
    ok(args('tz-sh'), { TZ: 'Asia/Shanghai' });
    ok(args('tz-ny'), { TZ: 'America/New_York' });
    expect(hashes(join(root, 'tz-sh'))).toEqual(hashes(join(root, 'tz-utc')));
    expect(hashes(join(root, 'tz-ny'))).toEqual(hashes(join(root, 'tz-utc')));
    expect(hashes(join(root, 'tz-utc'))).toEqual(Object.fromEntries(Object.entries(hashes(join(root, 'a'))).filter(([k]) => k.startsWith('csv/')).map(([k, v]) => [k.slice(4), v])));
  });

  it('every format loads through the real CLI with zero rejects and the same row counts', async () => {
    const counts = async (format: string) => {
      const dbPath = join(root, `${format}.duckdb`);
      ok(['load', join(root, 'a', format), '--db', dbPath]);
      expect(JSON.parse(ok(['rejects', '--db', dbPath, '--json']))).toEqual([]);
      const db = await openReadOnly(dbPath);
      try {
        return await all(db.conn, `select (select count(*) from raw_units) as units, (select count(*) from raw_cases) as cases,
          (select count(*) from raw_events) as events, (select count(*) from raw_audits) as audits`);
      } finally {
        db.close();
      }
    };
    const csv = await counts('csv');
    expect(csv[0]).toMatchObject({ units: 100, cases: 1500 });
    expect(csv[0].events).toBeGreaterThan(100);
    for (const f of ['gb18030', 'xlsx', 'parquet', 'jsonl']) expect(await counts(f), f).toEqual(csv);
  });

  it('writes Chinese headers and labels in GB18030 as Excel in China does', () => {
    const bytes = readFileSync(join(root, 'a', 'gb18030', 'events.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text.split('\r\n')[0]).toBe('事件编号,工单编号,事件类型,发生时间,承办单位编号,签收类别,解决时限,承诺解决日期,方式,备注,延期至,是否批准,审批时间');
    expect(text).toMatch(/,派发,\d{4}\/\d{2}\/\d{2} \d{2}:\d{2},/);
    expect(text).toContain('未解决的合理诉求');
  });

  it('keeps the truth outside the data folder, and refuses a truth path inside it', async () => {
    const dir = join(root, 'a', 'csv');
    expect(readdirSync(dir).sort()).toEqual(['audits.csv', 'cases.csv', 'events.csv', 'units.csv']);
    const truth = JSON.parse(readFileSync(join(root, 'a.truth.json'), 'utf8'));
    expect(new Set(truth.units.map((u: { profile: string }) => u.profile))).toEqual(new Set(
      ['diligent', 'ordinary', 'slow_sign', 'forgets_contact', 'fakes_contact', 'fakes_resolution', 'misclassifies', 'over_extends']));
    await expect(generate({ out: join(root, 'd'), truth: join(root, 'd', 'sub', 't.json'), cases: 10, months: 1, seed: 1, end: '2025-06', formats: ['csv'] }))
      .rejects.toThrow(/outside/);
    expect(existsSync(join(root, 'd'))).toBe(false);
  });

  it('puts nothing after today in the current, partial month', () => {
    const today = todayLocal();
    const out = join(root, 'now');
    ok(['generate', '--out', out, '--cases', '600', '--months', '2', '--end', today.slice(0, 7), '--seed', '3']);
    let latest = '';
    for (const f of ['cases.csv', 'events.csv', 'audits.csv']) {
      for (const m of readFileSync(join(out, f), 'utf8').matchAll(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g)) if (m[0] > latest) latest = m[0];
    }
    expect(latest > `${today.slice(0, 7)}-01`).toBe(true); // the current month has data ...
    expect(latest <= `${today} 23:59:59`).toBe(true); // ... but none from the future
    const lines = readFileSync(join(out, 'cases.csv'), 'utf8').trim().split('\n');
    expect(lines.length - 1).toBe(600);
  });

  it('refuses a folder that already holds files, and leaves them as they were', () => {
    const out = join(root, 'a', 'csv');
    const before = hashes(out);
    const r = rehandle(['generate', '--out', out, '--cases', '100', '--months', '1', '--end', '2025-06']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not empty/);
    expect(hashes(out)).toEqual(before);
    expect(readdirSync(join(root, 'a')).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('fails in one line on bad arguments, writing nothing', () => {
    for (const args of [['--end', '2999-01'], ['--end', '2025-13'], ['--format', 'csv,dbf'], ['--cases', '0']]) {
      const out = join(root, `bad-${args.join('')}`);
      const r = rehandle(['generate', '--out', out, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });
});
