// A generated city (20k cases, 12 months) through the real CLI: it loads with zero rejects, builds
// with every data test passing, follows the SPEC §2 lifecycle, and shows what a supervisor would
// recognise — about 8% of rated cases unsatisfied, heavy-tailed unit volumes, repeats, hotspots,
// every spot-check flag, and units whose hidden behaviour shows in their indicators.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, okJson, tempDir } from '../cli/run.ts';
import { all, openReadOnly, type Db } from '../../pipeline/db.ts';

interface Rate { num: number; den: number; rate: number | null }
interface IndicatorRow { month: string; scope: string; key: string; accurate_receipt: Rate; on_time_contact: Rate; on_time_solving: Rate }
type Indicator = 'accurate_receipt' | 'on_time_contact' | 'on_time_solving';

const dir = tempDir('gen-real');
const out = join(dir, 'city');
const dbPath = join(dir, 'w.duckdb');
let db: Db;
let truth: { units: Array<{ unit_id: string; profile: string }>; fake_contact_event_ids: string[]; fake_resolution_event_ids: string[]; hotspots: Array<{ street: string; topic_l2: string }> };
let indicators: IndicatorRow[];

const one = async <T = Record<string, number>>(sql: string) => (await all<T>(db.conn, sql))[0];

beforeAll(async () => {
  ok(['generate', '--out', out, '--cases', '20000', '--months', '12', '--end', '2025-12', '--seed', '42']);
  ok(['load', out, '--db', dbPath]);
  ok(['build', '--db', dbPath, '--as-of', '2025-12-31']);
  truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8'));
  indicators = okJson<IndicatorRow[]>(['indicators', '--db', dbPath, '--json']);
  db = await openReadOnly(dbPath);
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Pooled rate (sum of numerators / sum of denominators) of the units matching `keep`. */
function pooled(ind: Indicator, keep: (unitId: string) => boolean): number {
  let num = 0, den = 0;
  for (const r of indicators) if (keep(r.key)) { num += r[ind].num; den += r[ind].den; }
  return num / den;
}
const withProfile = (p: string) => { const ids = new Set(truth.units.filter((u) => u.profile === p).map((u) => u.unit_id)); return (id: string) => ids.has(id); };

describe('generate: a realistic city through the real CLI', () => {
  it('loads with zero rejects and builds with every data test passing', async () => {
    expect(okJson(['rejects', '--db', dbPath, '--json'])).toEqual([]);
    expect(await one('select count(*) as n from raw_cases')).toEqual({ n: 20000 });
    expect(await one('select count(*) as n from raw_units')).toEqual({ n: 100 });
    expect(await one('select count(*) as failing from data_test_results where failing_rows > 0')).toEqual({ failing: 0 });
  });

  it('has the four unit types and the 11 districts with their streets', async () => {
    const types = await all(db.conn, 'select unit_type, count(*) as n from raw_units group by 1 order by 1');
    expect(types.map((t) => t.unit_type)).toEqual(['city_bureau', 'district_bureau', 'enterprise', 'street']);
    expect(await one("select count(distinct district) as d, count(distinct street) as s from raw_cases")).toMatchObject({ d: 11 });
    expect((await one<{ s: number }>('select count(distinct street) as s from raw_cases')).s).toBeGreaterThan(80);
  });

  it('follows the lifecycle: dispatch after rating, sign after dispatch, nothing after the end month', async () => {
    // Events of cases that were not rated unsatisfied, or dated after the end of --end: none.
    expect(await one(`select count(*) as n from raw_events e join raw_cases c using (case_id) where c.satisfaction <> 'unsatisfied'`)).toEqual({ n: 0 });
    expect(await one(`select count(*) as n from raw_events e join raw_cases c using (case_id) where e.type = 'dispatch' and e."at" <= c.evaluated_at`)).toEqual({ n: 0 });
    expect(await one(`select count(*) as n from raw_events e where e.type <> 'dispatch' and e."at" < (select max(d."at") from raw_events d where d.case_id = e.case_id and d.type = 'dispatch')`)).toEqual({ n: 0 });
    expect(await one(`select count(*) as n from raw_events e where e.type in ('contact', 'extension', 'resolve') and e."at" < (select min(s."at") from raw_events s where s.case_id = e.case_id and s.type = 'sign')`)).toEqual({ n: 0 });
    expect(await one(`select count(*) as n from (select "at" as t from raw_events union all select received_at from raw_cases union all select evaluated_at from raw_cases
      union all select audited_at from raw_audits union all select rectified_at from raw_audits union all select decided_at from raw_events) where t >= timestamp '2026-01-01'`)).toEqual({ n: 0 });
    // The tier is given exactly for unresolved_reasonable signs; at most 4 extension requests, and a 4th is rare but exists.
    expect(await one(`select count(*) as n from raw_events where type = 'sign' and ((category = 'unresolved_reasonable') <> (tier is not null))`)).toEqual({ n: 0 });
    const ext = await all<{ k: number; n: number }>(db.conn, `select k, count(*) as n from (select case_id, count(*) as k from raw_events where type = 'extension' group by 1) group by 1 order by 1`);
    expect(ext.map((e) => e.k)).toEqual([1, 2, 3, 4]);
    expect(ext[3].n).toBeLessThan(ext[0].n / 5);
  });

  it('has about 8% of rated cases unsatisfied', async () => {
    const r = await one<{ share: number }>(`select avg((satisfaction = 'unsatisfied')::int) as share from raw_cases where satisfaction <> 'none'`);
    expect(r.share).toBeGreaterThan(0.06);
    expect(r.share).toBeLessThan(0.10);
  });

  it('gives units heavy-tailed volumes', async () => {
    const v = await all<{ n: number }>(db.conn, 'select count(*) as n from raw_cases group by unit_id order by n');
    expect(v).toHaveLength(100);
    const median = v[50].n;
    expect(v[99].n).toBeGreaterThan(5 * median);
    expect(v[0].n).toBeLessThan(median / 5);
  });

  it('has callers who complain again within 30 days, and the hotspots the truth file names', async () => {
    expect((await one<{ n: number }>('select count(*) as n from mart_repeat_links')).n).toBeGreaterThan(100);
    for (const h of truth.hotspots) {
      const r = await one<{ callers: number }>(`select max(c) as callers from (select count(distinct caller_id) as c from raw_cases
        where street = '${h.street}' and topic_l2 = '${h.topic_l2}' group by date_trunc('month', received_at))`);
      expect(r.callers, `${h.street} ${h.topic_l2}`).toBeGreaterThanOrEqual(8);
    }
  });

  it('records audits on a sample, mostly no_issue, whose findings name the refuted events', async () => {
    const share = await one<{ s: number }>(`select count(distinct a.case_id) / (select count(*) from raw_cases where satisfaction = 'unsatisfied') as s from raw_audits a`);
    expect(share.s).toBeGreaterThan(0.08);
    expect(share.s).toBeLessThan(0.3);
    const findings = await all<{ finding: string; n: number }>(db.conn, 'select finding, count(*) as n from raw_audits group by 1 order by n desc');
    expect(findings[0].finding).toBe('no_issue');
    expect(new Set(findings.map((f) => f.finding))).toEqual(new Set(['no_issue', 'classification_inaccurate', 'fake_contact', 'fake_resolution', 'overdue_resolution', 'repeat_complaint']));
    const wrongTarget = await one(`select count(*) as n from raw_audits a left join raw_events e on e.event_id = a.event_id and e.case_id = a.case_id
      where (a.finding = 'fake_contact' and e.type is distinct from 'contact') or (a.finding in ('fake_resolution', 'overdue_resolution') and e.type is distinct from 'resolve')
         or (a.finding = 'classification_inaccurate' and a.corrected_category is null)`);
    expect(wrongTarget).toEqual({ n: 0 });
    // Every fake contact named by an audit is one the truth file knows to be fake.
    const named = await all<{ event_id: string }>(db.conn, `select event_id from raw_audits where finding = 'fake_contact'`);
    const fake = new Set(truth.fake_contact_event_ids);
    expect(named.filter((e) => !fake.has(e.event_id))).toEqual([]);
  });

  it('fires every spot-check flag of SPEC §5', () => {
    const flags = okJson<Array<{ flags: string[] }>>(['flags', '--db', dbPath, '--json']);
    const counts = new Map<string, number>();
    for (const f of flags) for (const x of f.flags) counts.set(x, (counts.get(x) ?? 0) + 1);
    for (const flag of ['simple_clear', 'nonstandard_reply', 'solved_but_unsatisfied', 'reasonable_repeat', 'undeclared_out_of_scope', 'violation_repeat']) {
      expect(counts.get(flag) ?? 0, flag).toBeGreaterThanOrEqual(10);
    }
  });

  it('spreads the three indicators widely across units', () => {
    const minSpread: Record<Indicator, number> = { accurate_receipt: 0.08, on_time_contact: 0.4, on_time_solving: 0.3 };
    for (const ind of Object.keys(minSpread) as Indicator[]) {
      const byUnit = new Map<string, { num: number; den: number }>();
      for (const r of indicators) {
        const u = byUnit.get(r.key) ?? { num: 0, den: 0 };
        u.num += r[ind].num;
        u.den += r[ind].den;
        byUnit.set(r.key, u);
      }
      const rates = [...byUnit.values()].filter((u) => u.den >= 10).map((u) => u.num / u.den);
      expect(rates.length, ind).toBeGreaterThanOrEqual(5);
      expect(Math.max(...rates) - Math.min(...rates), ind).toBeGreaterThan(minSpread[ind]);
    }
  });

  it('shows each hidden behaviour in the indicator it should hurt', () => {
    const diligent = withProfile('diligent');
    expect(pooled('on_time_contact', withProfile('forgets_contact'))).toBeLessThan(pooled('on_time_contact', diligent) - 0.3);
    expect(pooled('accurate_receipt', withProfile('slow_sign'))).toBeLessThan(pooled('accurate_receipt', diligent) - 0.05);
    expect(pooled('on_time_solving', withProfile('over_extends'))).toBeLessThan(pooled('on_time_solving', diligent) - 0.2);
    expect(pooled('accurate_receipt', withProfile('misclassifies'))).toBeLessThan(pooled('accurate_receipt', diligent));
  });
});
