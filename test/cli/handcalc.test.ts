// Acceptance on the hand-computed data set (test/fixtures/handcalc/EXPECTED.md): the real CLI loads
// each variant, builds as of 2025-04-15, and must print exactly the figures worked out by hand.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDCALC, ok, okJson, rehandle, removeTempDirs, tempDir } from './run.ts';

afterAll(removeTempDirs);

const AS_OF = '2025-04-15';
const INDICATORS = ['accurate_receipt', 'on_time_contact', 'on_time_solving'] as const;

type Ratio = { num: number; den: number; rate: number | null };
type IndicatorRow = { month: string; scope: string; key: string } & Record<(typeof INDICATORS)[number], Ratio>;
type FlagRow = { case_id: string; unit_id: string; month: string; flags: string[]; reasons: string[] };
type RejectRow = { file: string; line: number; column: string | null; value: string | null; reason: string };

const expected = <T>(name: string): T => JSON.parse(readFileSync(join(HANDCALC, name), 'utf8')) as T;
const EXPECTED_UNIT = expected<IndicatorRow[]>('expected-indicators-unit.json');
const EXPECTED_CITY = expected<IndicatorRow[]>('expected-indicators-city.json');
const EXPECTED_POOLED = {
  district: expected<IndicatorRow[]>('expected-indicators-district.json'),
  unit_type: expected<IndicatorRow[]>('expected-indicators-unit_type.json'),
};
const EXPECTED_FLAGS = expected<FlagRow[]>('expected-flags.json');
const EXPECTED_REJECTS = expected<RejectRow[]>('expected-rejects.json');

/** num/den per indicator, in output order: one readable diff shows every wrong cell at once. */
function figures(rows: IndicatorRow[]) {
  return rows.map((r) => [r.month, r.scope, r.key, ...INDICATORS.map((i) => `${r[i].num}/${r[i].den}`)].join(' '));
}

function expectIndicators(actual: IndicatorRow[], want: IndicatorRow[]): void {
  expect(figures(actual)).toEqual(figures(want));
  for (const row of actual) {
    expect(Object.keys(row).sort()).toEqual(['accurate_receipt', 'key', 'month', 'on_time_contact', 'on_time_solving', 'scope']);
    for (const i of INDICATORS) {
      const { num, den, rate } = row[i];
      if (den === 0) expect(rate, `${row.month} ${row.key} ${i}`).toBeNull();
      else expect(rate, `${row.month} ${row.key} ${i}`).toBe(num / den);
    }
  }
}

function expectFlags(actual: FlagRow[], want: FlagRow[]): void {
  const shape = (rows: FlagRow[]) => rows.map(({ case_id, unit_id, month, flags }) => ({ case_id, unit_id, month, flags }));
  expect(shape(actual)).toEqual(shape(want));
  for (const row of actual) {
    expect(Object.keys(row).sort()).toEqual(['case_id', 'flags', 'month', 'reasons', 'unit_id']);
    expect(row.reasons, row.case_id).toHaveLength(row.flags.length);
    for (const reason of row.reasons) expect(reason, row.case_id).toMatch(/[\u4e00-\u9fff]/); // auditor-readable Chinese
  }
}

/** `load` prints one table row per file: path, kind, format, status, read, loaded, rejected. */
/** `rehandle load --json` output, keyed by file name. */
function loadReport(stdout: string): Record<string, { status: string; read: number; loaded: number; rejected: number }> {
  const files = JSON.parse(stdout) as Array<{ file: string; status: string; rows_read: number; rows_loaded: number; rows_rejected: number }>;
  return Object.fromEntries(files.map((f) => [basename(f.file), { status: f.status, read: f.rows_read, loaded: f.rows_loaded, rejected: f.rows_rejected }]));
}

const VARIANTS: Array<{ dir: string; label: string; env: Record<string, string>; rejected: Record<string, number> }> = [
  { dir: 'canonical', label: 'canonical UTF-8', env: {}, rejected: { 'units.csv': 0, 'cases.csv': 0, 'events.csv': 0, 'audits.csv': 0 } },
  { dir: 'gb18030', label: 'GB18030, Chinese headers and labels', env: {}, rejected: { '单位.csv': 0, '工单.csv': 0, '办理记录.csv': 0, '核查结果.csv': 0 } },
  // The machine's zone must not matter: months are cut in Asia/Shanghai (STYLE: run once with another TZ).
  { dir: 'gb18030', label: 'GB18030 under TZ=America/New_York', env: { TZ: 'America/New_York' }, rejected: { '单位.csv': 0, '工单.csv': 0, '办理记录.csv': 0, '核查结果.csv': 0 } },
  { dir: 'xlsx', label: 'XLSX with date cells and Excel serial numbers', env: {}, rejected: { 'units.xlsx': 0, 'cases.xlsx': 0, 'events.xlsx': 0, 'audits.xlsx': 0 } },
  { dir: 'mixed', label: 'typed Parquet and JSON Lines', env: {}, rejected: { 'units.jsonl': 0, 'cases.parquet': 0, 'events.parquet': 0, 'audits.jsonl': 0 } },
  { dir: 'noid', label: 'events without event_id (derived ids, each event twice)', env: {}, rejected: { 'units.csv': 0, 'cases.csv': 0, 'events.csv': 0, 'events-again.csv': 0, 'audits.csv': 0 } },
  { dir: 'bad', label: 'canonical plus bad rows', env: {}, rejected: { 'units.csv': 1, 'cases.csv': 2, 'events.csv': 7, 'audits.csv': 1 } },
];

describe.each(VARIANTS)('hand-computed data set: $label', ({ dir, label, env, rejected }) => {
  let db: string;
  let firstLoad: string;
  const q = <T>(...args: string[]) => okJson<T>([...args, '--db', db], env);

  beforeAll(() => {
    db = join(tempDir(`handcalc-${dir}`), 'warehouse.duckdb');
    firstLoad = ok(['load', join(HANDCALC, dir), '--db', db, '--json'], env);
    ok(['build', '--db', db, '--as-of', AS_OF], env);
  });

  it('loads every file and rejects exactly the bad rows', () => {
    const report = loadReport(firstLoad);
    expect(Object.keys(report).sort()).toEqual(Object.keys(rejected).sort());
    for (const [file, count] of Object.entries(rejected)) {
      expect(report[file].status, file).toBe('loaded');
      expect(report[file].rejected, file).toBe(count);
    }
  });

  it('indicators --by unit match the hand computation', () => {
    expectIndicators(q<IndicatorRow[]>('indicators', '--json', '--by', 'unit'), EXPECTED_UNIT);
  });

  it('indicators --by city match the hand computation', () => {
    expectIndicators(q<IndicatorRow[]>('indicators', '--json', '--by', 'city'), EXPECTED_CITY);
  });

  if (label === 'canonical UTF-8' || label === 'GB18030, Chinese headers and labels') {
    // Not part of the outside acceptance, but the same arithmetic: pooled sums of the unit rows
    // (the GB18030 run also checks that 区级部门/街道 became district_bureau/street).
    it.each(['district', 'unit_type'] as const)('indicators --by %s are the pooled unit figures', (by) => {
      expectIndicators(q<IndicatorRow[]>('indicators', '--json', '--by', by), EXPECTED_POOLED[by]);
    });
  }

  it('flags match the hand computation', () => {
    expectFlags(q<FlagRow[]>('flags', '--json'), EXPECTED_FLAGS);
  });

  it('rejects list each bad row with its file, line and column', () => {
    const rows = q<RejectRow[]>('rejects', '--json');
    const want = dir === 'bad' ? EXPECTED_REJECTS : [];
    const where = (r: RejectRow) => `${basename(r.file)}:${r.line} ${r.column}`;
    expect(rows.map(where).sort()).toEqual(want.map(where).sort());
    for (const r of rows) {
      const w = want.find((x) => where(x) === where(r))!;
      if (w.value !== null) expect(r.value, where(r)).toBe(w.value);
      expect(r.reason, where(r)).toMatch(/[\u4e00-\u9fff]/);
    }
    // ordered by load, then line: within one file the lines ascend
    for (const file of new Set(rows.map((r) => r.file))) {
      const lines = rows.filter((r) => r.file === file).map((r) => r.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }
  });

  if (dir === 'canonical') {
    it('--month restricts indicators and flags to that month', () => {
      expectIndicators(q<IndicatorRow[]>('indicators', '--json', '--by', 'unit', '--month', '2025-03'), EXPECTED_UNIT.filter((r) => r.month === '2025-03'));
      expectFlags(q<FlagRow[]>('flags', '--json', '--month', '2025-03'), EXPECTED_FLAGS.filter((r) => r.month === '2025-03'));
    });

    it('the default scope is unit', () => {
      expectIndicators(q<IndicatorRow[]>('indicators', '--json'), EXPECTED_UNIT);
    });
  }

  if (dir === 'bad') {
    it('loading the same files again changes nothing', () => {
      const before = { unit: q('indicators', '--json'), city: q('indicators', '--json', '--by', 'city'), flags: q('flags', '--json'), rejects: q('rejects', '--json') };
      const again = loadReport(ok(['load', join(HANDCALC, dir), '--db', db, '--json'], env));
      expect(Object.keys(again).sort()).toEqual(Object.keys(rejected).sort());
      for (const [file, r] of Object.entries(again)) {
        expect(r.status, file).toBe('skipped_duplicate');
        expect(r.loaded, file).toBe(0);
      }
      ok(['build', '--db', db, '--as-of', AS_OF], env);
      const after = { unit: q('indicators', '--json'), city: q('indicators', '--json', '--by', 'city'), flags: q('flags', '--json'), rejects: q('rejects', '--json') };
      expect(after).toEqual(before);
      expect(after.rejects).toHaveLength(EXPECTED_REJECTS.length);
    });
  }
});

describe('hand-computed data set: one load of canonical and gb18030 together', () => {
  // Same data under other headers, labels and timestamp forms: every row replaces or repeats its twin.
  it('gives the same figures as either alone', () => {
    const db = join(tempDir('handcalc-both'), 'warehouse.duckdb');
    const r = rehandle(['load', join(HANDCALC, 'canonical'), join(HANDCALC, 'gb18030'), '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    ok(['build', '--db', db, '--as-of', AS_OF]);
    expectIndicators(okJson<IndicatorRow[]>(['indicators', '--json', '--db', db]), EXPECTED_UNIT);
    expectFlags(okJson<FlagRow[]>(['flags', '--json', '--db', db]), EXPECTED_FLAGS);
  });
});

describe('hand-computed data set: built as of 2025-03-15 instead', () => {
  // Everything after 2025-03-15 must act as not yet happened: signs, contacts, resolutions, findings, U9's dispatch.
  it('indicators match the hand computation for the earlier date', () => {
    const db = join(tempDir('handcalc-asof'), 'warehouse.duckdb');
    ok(['load', join(HANDCALC, 'canonical'), '--db', db]);
    ok(['build', '--db', db, '--as-of', '2025-03-15']);
    expectIndicators(okJson<IndicatorRow[]>(['indicators', '--json', '--by', 'unit', '--db', db]), expected('expected-indicators-unit-asof-2025-03-15.json'));
    expectIndicators(okJson<IndicatorRow[]>(['indicators', '--json', '--by', 'city', '--db', db]), expected('expected-indicators-city-asof-2025-03-15.json'));
  });
});

describe('hand-computed data set: a later load of corrections (update/)', () => {
  // SPEC §3: a case row with an existing case_id replaces the older row; events of a later load join the earlier ones.
  // update/cases-update.csv: C03's content shortened to 19 characters (help → simple_clear fires);
  // C30's topic_l2 becomes 民商事纠纷 (not declared → undeclared_out_of_scope fires).
  // update/events-update.csv: contacts for C11 on 03-03 (U1) and C26 on 04-03 (U4).
  it('replaces the case rows and adds the events', () => {
    const db = join(tempDir('handcalc-update'), 'warehouse.duckdb');
    ok(['load', join(HANDCALC, 'canonical'), '--db', db]);
    const report = loadReport(ok(['load', join(HANDCALC, 'update'), '--db', db, '--json']));
    expect(report).toEqual({
      'cases-update.csv': { status: 'loaded', read: 2, loaded: 2, rejected: 0 },
      'events-update.csv': { status: 'loaded', read: 2, loaded: 2, rejected: 0 },
    });
    ok(['build', '--db', db, '--as-of', AS_OF]);

    const unit = withContact(EXPECTED_UNIT, { '2025-03 U1': ['3/5', '4/5'], '2025-04 U4': ['0/1', '1/1'] }); // C11, C26
    const city = withContact(EXPECTED_CITY, { '2025-03 city': ['7/13', '8/13'], '2025-04 city': ['3/9', '4/9'] });
    expectIndicators(okJson<IndicatorRow[]>(['indicators', '--json', '--by', 'unit', '--db', db]), unit);
    expectIndicators(okJson<IndicatorRow[]>(['indicators', '--json', '--by', 'city', '--db', db]), city);

    const flags = [
      ...EXPECTED_FLAGS,
      { case_id: 'C03', unit_id: 'U1', month: '2025-01', flags: ['simple_clear'], reasons: [''] },
      { case_id: 'C30', unit_id: 'U2', month: '2025-03', flags: ['undeclared_out_of_scope'], reasons: [''] },
    ].sort((a, b) => a.month.localeCompare(b.month) || a.case_id.localeCompare(b.case_id));
    expectFlags(okJson<FlagRow[]>(['flags', '--json', '--db', db]), flags);
  });
});

/** A copy of the expected rows with some on-time-contact cells changed from `was` (checked) to `now`. */
function withContact(rows: IndicatorRow[], changes: Record<string, [string, string]>): IndicatorRow[] {
  const copy = structuredClone(rows);
  for (const [where, [was, now]] of Object.entries(changes)) {
    const row = copy.find((r) => `${r.month} ${r.key}` === where)!;
    expect(`${row.on_time_contact.num}/${row.on_time_contact.den}`, where).toBe(was);
    const [num, den] = now.split('/').map(Number);
    row.on_time_contact = { num, den, rate: num / den };
  }
  return copy;
}
