// Test harness for the models: write tiny raw tables straight into a temp-file DuckDB (no loader),
// run the real build, read marts back. Defaults make a case "neutral": it fires no spot-check flag,
// so each test only states the fields its rule is about.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { all, ensureSchema, openReadOnly, withWriteDb, type Row } from '../../pipeline/db.ts';
import { build, type BuildReport } from '../../pipeline/models.ts';
import { DEFAULT_RULES_PATH } from '../../pipeline/rules.ts';

export type Fields = Record<string, string | number | boolean | null>;

export interface RawData {
  units?: Fields[];
  cases?: Fields[];
  events?: Fields[];
  audits?: Fields[];
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rehandle-models-'));
}

/** A case rated unsatisfied that fires no flag: complaint, long neutral content, a standard reply, unique caller. */
export function unsatisfiedCase(case_id: string, fields: Fields = {}): Fields {
  return {
    case_id,
    received_at: '2025-01-02 09:00:00',
    channel: 'phone',
    caller_id: `P-${case_id}`,
    district: '玄武区',
    street: `街道-${case_id}`,
    appeal_type: 'complaint',
    topic_l1: '城市管理',
    topic_l2: '道路维修',
    content: '小区门口的人行道地砖大面积松动破损，下雨天到处积水，老人和孩子经过时已经多次滑倒，希望有关部门尽快安排人员维修并设置提示。',
    unit_id: 'U1',
    out_of_scope_declared: false,
    first_reply: '经核查，诉求人反映的问题属实，我单位已安排人员到场维修，问题已处理完毕，并电话告知诉求人办理结果。',
    closed_at: '2025-01-03 09:00:00',
    satisfaction: 'unsatisfied',
    evaluated_at: '2025-01-04 09:00:00',
    ...fields,
  };
}

let eventSeq = 0;
/** One event row; event_id is generated unless given. */
export function ev(case_id: string, type: string, at: string, unit_id: string | null, fields: Fields = {}): Fields {
  eventSeq += 1;
  return { event_id: `${case_id}-${type}-${eventSeq}`, case_id, type, at, unit_id, ...fields };
}

export function audit(audit_id: string, case_id: string, audited_at: string, finding: string, fields: Fields = {}): Fields {
  return { audit_id, case_id, audited_at, finding, method: 'callback', auditor: '审核员', ...fields };
}

/** Insert rows into the raw tables of a new or existing database file (one small insert per row: test data only). */
export async function seed(dbPath: string, data: RawData): Promise<void> {
  await withWriteDb(dbPath, async ({ conn }) => {
    await ensureSchema(conn);
    const tables: Array<[string, Fields[] | undefined]> = [
      ['raw_units', data.units], ['raw_cases', data.cases], ['raw_events', data.events], ['raw_audits', data.audits],
    ];
    for (const [table, rows] of tables) {
      for (const row of rows ?? []) {
        const cols = Object.keys(row);
        await conn.run(
          `insert into ${table} (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map(() => '?').join(', ')})`,
          cols.map((c) => row[c]) as never,
        );
      }
    }
  });
}

/** A rules file: the shipped rules changed by `patch`. */
export function rulesFile(dir: string, patch: (rules: Record<string, any>) => void): string {
  const rules = JSON.parse(readFileSync(DEFAULT_RULES_PATH, 'utf8'));
  patch(rules);
  const path = join(dir, 'rules.json');
  writeFileSync(path, JSON.stringify(rules));
  return path;
}

/** Seed a fresh database and build it; returns the db path and the build report. */
export async function seedAndBuild(data: RawData, asOf: string, rulesPath?: string): Promise<{ db: string; report: BuildReport }> {
  const db = join(tempDir(), 'w.duckdb');
  await seed(db, data);
  const report = await build(db, { asOf, rulesPath });
  return { db, report };
}

export async function query<T = Row>(dbPath: string, sql: string, params?: unknown[]): Promise<T[]> {
  const db = await openReadOnly(dbPath);
  try {
    return await all<T>(db.conn, sql, params as never);
  } finally {
    db.close();
  }
}

/** The unit-scope indicator row of `key` for `month` (YYYY-MM). */
export async function indicatorRow(dbPath: string, scope: string, key: string, month: string): Promise<Row> {
  const rows = await query(dbPath, `select * from mart_indicators where scope = ? and key = ? and strftime(month, '%Y-%m') = ?`, [scope, key, month]);
  if (rows.length !== 1) throw new Error(`expected one indicator row for ${scope}/${key}/${month}, got ${rows.length}`);
  return rows[0];
}

/** Drill-down: case ids of an indicator's denominator in a month, with their numerator membership. */
export async function drill(dbPath: string, indicator: string, month: string): Promise<Record<string, boolean>> {
  const rows = await query<{ case_id: string; in_numerator: boolean }>(
    dbPath,
    `select case_id, in_numerator from mart_indicator_cases where indicator = ? and strftime(month, '%Y-%m') = ? order by case_id`,
    [indicator, month],
  );
  return Object.fromEntries(rows.map((r) => [r.case_id, r.in_numerator]));
}
