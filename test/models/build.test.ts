// The build runner: an empty database builds, data tests run and are recorded, a failing data test
// blocks the build and leaves the live database as it was, bad rules fail with the key named.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { build, orderModels, readModels } from '../../pipeline/models.ts';
import { loadRules } from '../../pipeline/rules.ts';
import { UserError } from '../../pipeline/errors.ts';
import { ev, query, rulesFile, seed, seedAndBuild, tempDir, unsatisfiedCase } from './harness.ts';

const units = [{ unit_id: 'U1', unit_name: '单位一', unit_type: 'street', district: '玄武区' }];

describe('build', () => {
  it('builds a fresh database with empty raw tables: every mart exists, empty, and all data tests pass', async () => {
    const db = join(tempDir(), 'w.duckdb');
    const report = await build(db, { asOf: '2025-03-31' });
    expect(report.asOf).toBe('2025-03-31');
    expect(report.models).toBe(readModels().length);
    expect(report.dataTests.length).toBeGreaterThanOrEqual(10);
    expect(report.dataTests.every((t) => t.failing_rows === 0)).toBe(true);
    for (const mart of ['mart_case_lifecycle', 'mart_indicators', 'mart_indicator_cases', 'mart_case_flags', 'mart_repeat_links',
      'mart_hotspots', 'mart_early_warnings', 'mart_data_quality', 'mart_units']) {
      expect(await query(db, `select count(*) as n from ${mart}`)).toEqual([{ n: 0 }]);
    }
    const [info] = await query(db, `select as_of, warnings from build_info`);
    expect(info).toEqual({ as_of: '2025-03-31', warnings: [] });
    expect(await query(db, `select count(*) as n from data_test_results where failing_rows = 0`)).toEqual([{ n: report.dataTests.length }]);
  });

  it('ignores events and audits after the as-of date', async () => {
    const { db } = await seedAndBuild({
      units,
      cases: [unsatisfiedCase('T1')],
      events: [ev('T1', 'dispatch', '2025-03-31 23:59:59', 'U1'), ev('T1', 'sign', '2025-04-01 00:00:00', 'U1', { category: 'one_time' })],
    }, '2025-03-31');
    // Dispatched at the very end of the as-of day (counts), signed at 00:00 the next day (not yet happened).
    expect(await query(db, `select case_id, status, signed_at from mart_case_lifecycle`)).toEqual([{ case_id: 'T1', status: 'unsigned', signed_at: null }]);
  });

  it('takes every unsatisfied case plus any dispatched case into the lifecycle', async () => {
    const { db } = await seedAndBuild({
      units,
      cases: [
        unsatisfiedCase('L1'), // unsatisfied, never dispatched → status undispatched, in no indicator
        unsatisfiedCase('L2', { satisfaction: 'basic' }), // dispatched although rated 基本满意 → in
        unsatisfiedCase('L3', { satisfaction: 'satisfied' }), // neither → out
      ],
      events: [ev('L2', 'dispatch', '2025-02-03 09:00:00', 'U1')],
    }, '2025-02-28');
    expect(await query(db, `select case_id, status, unit_id, dispatch_month from mart_case_lifecycle order by case_id`)).toEqual([
      { case_id: 'L1', status: 'undispatched', unit_id: 'U1', dispatch_month: null },
      { case_id: 'L2', status: 'unsigned', unit_id: 'U1', dispatch_month: '2025-02-01' },
    ]);
    expect(await query(db, `select distinct case_id from mart_indicator_cases`)).toEqual([{ case_id: 'L2' }]);
    expect(await query(db, `select case_id, issue from mart_data_quality`)).toEqual([{ case_id: 'L1', issue: 'unsatisfied_not_dispatched' }]);
  });

  it('blocks the build on a failing data test and keeps the previous live state', async () => {
    const good = { units, cases: [unsatisfiedCase('G1')], events: [ev('G1', 'dispatch', '2025-02-03 09:00:00', 'U1'), ev('G1', 'sign', '2025-02-04 09:00:00', 'U1', { category: 'one_time' })] };
    const { db } = await seedAndBuild(good, '2025-02-28');
    // A sign with an unknown category, written straight into the raw table as if the loader had let it
    // through: the accepted-values data test must catch it.
    await seed(db, { cases: [unsatisfiedCase('G2')], events: [ev('G2', 'dispatch', '2025-02-05 09:00:00', 'U1'), ev('G2', 'sign', '2025-02-06 09:00:00', 'U1', { category: 'bogus' })] });
    const err = await build(db, { asOf: '2025-03-31' }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/数据检验未通过.*lifecycle_accepted_values \(1 rows/);
    // The live database still holds the first build: as-of 28 Feb, only G1.
    expect(await query(db, `select as_of from build_info`)).toEqual([{ as_of: '2025-02-28' }]);
    expect(await query(db, `select case_id from mart_case_lifecycle`)).toEqual([{ case_id: 'G1' }]);
    // Through the real CLI: exit code 1, one line on stderr, no stack trace.
    const cli = spawnSync('node', ['bin/rehandle.mjs', 'build', '--db', db, '--as-of', '2025-03-31'], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('lifecycle_accepted_values');
  });

  it('orders models by their declared dependencies', () => {
    const names = orderModels(readModels()).map((m) => m.name);
    for (const m of readModels()) {
      for (const d of m.depends) {
        if (names.includes(d)) expect(names.indexOf(d), `${d} before ${m.name}`).toBeLessThan(names.indexOf(m.name));
      }
    }
    expect(() => orderModels([
      { name: 'a', depends: ['b'], materialized: 'table', sql: '', file: 'a.sql' },
      { name: 'b', depends: ['a'], materialized: 'table', sql: '', file: 'b.sql' },
    ])).toThrow(/cycle/);
  });
});

describe('rules validation', () => {
  it('accepts the shipped data/rules.json with the SPEC defaults', () => {
    const r = loadRules();
    expect([r.extensionPolicy, r.signDeadlineWorkdays, r.repeatWindowDays, r.dueSoonDays, r.maxExtensions]).toEqual(['original', 2, 30, 7, 3]);
    expect(r.sampling).toEqual({ flagCapPerUnitFlag: 10, otherShare: 0.05, otherMinPerUnit: 1, contactShare: 0.05, resolutionShare: 0.1 });
    expect(r.flags.simple_clear).toEqual({ appealTypes: ['consult', 'help'], maxContentLength: 60 });
  });

  it.each([
    [(r: any) => { r.extensionPolicy = 'newest'; }, /"extensionPolicy" must be one of original \| latest/],
    [(r: any) => { r.signDeadlineWorkdays = 1.5; }, /"signDeadlineWorkdays" must be an integer/],
    [(r: any) => { r.flags.simple_clear.appealTypes = ['consult', 'question']; }, /"flags\.simple_clear\.appealTypes" must be a list drawn from/],
    [(r: any) => { r.sampling.otherShare = 5; }, /"sampling\.otherShare" must be a number from 0 to 1/],
    [(r: any) => { r.repeatWindow = 30; }, /"repeatWindow" must be one of the known keys/],
    [(r: any) => { delete r.flags.violation_repeat; }, /"flags\.violation_repeat" must be an object/],
    [(r: any) => { r.calendarFiles = 'data/calendar/2027.csv'; }, /"calendarFiles" must be a list of file paths/],
  ])('rejects a bad rules file with a UserError naming the key (%#)', (patch, message) => {
    const path = rulesFile(tempDir(), patch);
    expect(() => loadRules(path)).toThrow(UserError);
    expect(() => loadRules(path)).toThrow(message);
  });

  it('rejects unreadable and non-JSON rules files, and build refuses before touching the database', async () => {
    const dir = tempDir();
    expect(() => loadRules(join(dir, 'missing.json'))).toThrow(/cannot read rules file .*ENOENT/);
    writeFileSync(join(dir, 'broken.json'), '{"extensionPolicy": ');
    expect(() => loadRules(join(dir, 'broken.json'))).toThrow(/not valid JSON/);
    const err = await build(join(dir, 'w.duckdb'), { asOf: '2025-03-31', rulesPath: join(dir, 'broken.json') }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    await expect(build(join(dir, 'w.duckdb'), { asOf: '2025-02-30' })).rejects.toThrow(/--as-of must be a date/);
  });
});
