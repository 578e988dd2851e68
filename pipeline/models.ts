// The build: `rehandle build` recomputes every model of sql/** for one as-of date, then runs the data
// tests of sql/tests. It works on a private copy of the database (withWriteDb), so a failing model or
// data test leaves the live database exactly as it was. Model contract: sql/README.md.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, ensureSchema, exec, withWriteDb } from './db.ts';
import { UserError } from './errors.ts';
import { buildCalendar } from './calendar.ts';
import { loadRules, DEFAULT_RULES_PATH, type Rules } from './rules.ts';
import { nowLocal, parseDateArg } from './time.ts';

export interface BuildReport {
  asOf: string;
  models: number;
  seconds: number;
  warnings: string[];
  dataTests: Array<{ test: string; failing_rows: number }>;
  /** Seconds per step (models, calendar, data tests, swap): where the build time goes. */
  timings: Array<{ step: string; seconds: number }>;
}

export interface Model {
  name: string;
  depends: string[];
  /** `-- materialized: view` keeps a model as a view (cheap renames over big raw tables); default table. */
  materialized: 'table' | 'view';
  sql: string;
  file: string;
}

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const LAYERS = ['staging', 'intermediate', 'marts'];

/** Tables a model may depend on that are not models: the raw tables and what the runner writes before the models. */
const BASE_TABLES = new Set([
  'raw_units', 'raw_cases', 'raw_events', 'raw_audits', 'loads', 'rejects',
  'build_params', 'rules_settings', 'rules_lists', 'rules_tier_months', 'calendar',
]);

/** Parse one model file's header (`-- model:` and `-- depends:`, which may continue on `--   ` lines). */
export function parseModel(file: string, text: string): Model {
  const name = /^--\s*model:\s*(\S+)/m.exec(text)?.[1];
  if (name !== basename(file, '.sql')) throw new Error(`${file}: header "-- model:" must name the file (${basename(file, '.sql')})`);
  const dep = /^--\s*depends:(.*(?:\n--\s{3,}.*)*)/m.exec(text);
  if (!dep) throw new Error(`${file}: header "-- depends:" missing`);
  const depends = dep[1].replace(/\n--/g, ' ').split(/[,\s]+/).filter(Boolean);
  const materialized = /^--\s*materialized:\s*(\S+)/m.exec(text)?.[1] ?? 'table';
  if (materialized !== 'table' && materialized !== 'view') throw new Error(`${file}: "-- materialized:" must be table or view`);
  return { name, depends, materialized, sql: text, file };
}

export function readModels(dir = SQL_DIR): Model[] {
  return LAYERS.flatMap((layer) =>
    readdirSync(join(dir, layer))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => parseModel(join(dir, layer, f), readFileSync(join(dir, layer, f), 'utf8'))),
  );
}

/** Order models so each comes after everything it depends on (depth-first; a cycle or unknown name is a bug). */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: Model[] = [];
  const visit = (m: Model) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name)) throw new Error(`model dependency cycle through ${m.name}`);
    visiting.add(m.name);
    for (const d of m.depends) {
      const dep = byName.get(d);
      if (dep) visit(dep);
      else if (!BASE_TABLES.has(d)) throw new Error(`${m.file}: depends on unknown table ${d}`);
    }
    visiting.delete(m.name);
    done.add(m.name);
    ordered.push(m);
  };
  models.forEach(visit);
  return ordered;
}

/** A model that changed kind (view ↔ table) since the last build must be dropped before `create or replace`. */
async function dropIfOtherKind(conn: DuckDBConnection, m: Model): Promise<void> {
  const [existing] = await all<{ table_type: string }>(
    conn,
    `select table_type from information_schema.tables where table_schema = 'main' and table_name = ?`,
    [m.name],
  );
  const isView = existing?.table_type === 'VIEW';
  if (existing && isView !== (m.materialized === 'view')) await exec(conn, `drop ${isView ? 'view' : 'table'} ${m.name}`);
}

/** Build parameters and rules as tables the SQL reads (sql/README.md). */
async function writeParams(conn: DuckDBConnection, asOf: string, rules: Rules): Promise<void> {
  await exec(
    conn,
    `create or replace table build_params as
     select ?::date as as_of, ?::date + interval 1 day as as_of_end, date_trunc('month', ?::date)::date as as_of_month`,
    [asOf, asOf, asOf],
  );
  const f = rules.flags;
  await exec(
    conn,
    `create or replace table rules_settings as select
       ?::varchar as extension_policy, ?::varchar as explicit_due_policy, ?::integer as max_extensions,
       ?::integer as sign_deadline_workdays, ?::integer as repeat_window_days, ?::integer as hotspot_min_callers,
       ?::integer as due_soon_days, ?::integer as simple_clear_max_length, ?::integer as reply_min_length,
       ?::integer as reasonable_repeat_min, ?::integer as violation_repeat_min`,
    [
      rules.extensionPolicy, rules.promisedDue.explicitDate, rules.maxExtensions, rules.signDeadlineWorkdays,
      rules.repeatWindowDays, rules.hotspotMinCallers, rules.dueSoonDays, f.simple_clear.maxContentLength,
      f.nonstandard_reply.minLength, f.reasonable_repeat.minRepeats, f.violation_repeat.minRepeats,
    ],
  );
  const lists: Record<string, string[]> = {
    'simple_clear.appeal_types': f.simple_clear.appealTypes,
    'reply.process_words': f.nonstandard_reply.processWords,
    'reply.result_words': f.nonstandard_reply.resultWords,
    'reply.boilerplate': f.nonstandard_reply.boilerplate,
    'solved.categories': f.solved_but_unsatisfied.categories,
    'reasonable_repeat.categories': f.reasonable_repeat.categories,
    'out_of_scope.topics': f.undeclared_out_of_scope.topics,
    'out_of_scope.keywords': f.undeclared_out_of_scope.keywords,
    'violation.topics': f.violation_repeat.topics,
    'violation.keywords': f.violation_repeat.keywords,
  };
  const rows = Object.entries(lists).flatMap(([list, items]) => items.map((item, pos) => ({ list, item, pos })));
  await exec(
    conn,
    `create or replace table rules_lists as
     select r.list::varchar as list, r.item::varchar as item, r.pos::integer as pos
     from (select unnest(from_json(?::varchar, '[{"list":"varchar","item":"varchar","pos":"integer"}]'), recursive := true)) r`,
    [JSON.stringify(rows)],
  );
  await exec(
    conn,
    `create or replace table rules_tier_months as
     select * from (values ('2m', ?::integer), ('3m', ?::integer), ('6m', ?::integer)) t(tier, months)`,
    [rules.promisedDue.tierMonths['2m'], rules.promisedDue.tierMonths['3m'], rules.promisedDue.tierMonths['6m']],
  );
}

/** Loud warnings for dispatches whose sign deadline the calendar cannot tell (a year with no working-day calendar). */
async function calendarWarnings(conn: DuckDBConnection, coveredYears: number[]): Promise<string[]> {
  const rows = await all<{ year: number; cases: number }>(
    conn,
    `select year(dispatched_at) as year, count(*)::integer as cases
     from mart_case_lifecycle where dispatched_at is not null and sign_deadline is null
     group by 1 order by 1`,
  );
  return rows.map(({ year, cases }) => {
    // The dispatch year itself, or (late-December dispatches) the next year the deadline runs into.
    const missing = coveredYears.includes(year) ? year + 1 : year;
    return `缺少 ${missing} 年工作日历：${year} 年派发的 ${cases} 件案件签收及时性未知（不计为按时或超时），` +
      `请按 data/calendar/README.md 提供日历文件 / no working-day calendar for ${missing}: sign timeliness of ${cases} cases dispatched in ${year} is unknown`;
  });
}

async function runDataTests(conn: DuckDBConnection, dir: string): Promise<Array<{ test: string; failing_rows: number; sample: string }>> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const results = [];
  for (const f of files) {
    const sql = readFileSync(join(dir, f), 'utf8').replace(/;\s*$/, '');
    const [{ n }] = await all<{ n: number }>(conn, `select count(*) as n from (${sql})`);
    const sample = n > 0 ? JSON.stringify(await all(conn, `select * from (${sql}) limit 5`)) : '[]';
    results.push({ test: basename(f, '.sql'), failing_rows: n, sample });
  }
  return results;
}

/**
 * Recompute every model for `asOf` (YYYY-MM-DD, local). Throws UserError for a bad date or rules file,
 * or when a data test fails — the live database then keeps its previous state.
 */
export async function build(
  dbPath: string,
  opts: { asOf: string; rulesPath?: string },
): Promise<BuildReport> {
  const started = performance.now();
  const asOf = parseDateArg(opts.asOf);
  if (!asOf) throw new UserError(`统计日期格式错误 / --as-of must be a date YYYY-MM-DD, got "${opts.asOf}"`);
  const rulesPath = opts.rulesPath ?? DEFAULT_RULES_PATH;
  const rules = loadRules(rulesPath);
  const models = orderModels(readModels());

  const timings: BuildReport['timings'] = [];
  let lap = performance.now();
  const timed = <T>(step: string, result: T): T => {
    const now = performance.now();
    timings.push({ step, seconds: Math.round(now - lap) / 1000 });
    lap = now;
    return result;
  };

  const report = await withWriteDb(dbPath, async ({ conn }) => {
    timed('copy', await ensureSchema(conn));
    await writeParams(conn, asOf, rules);
    const calendar = timed('calendar', await buildCalendar(conn, rules.calendarFiles));
    for (const m of models) {
      try {
        await dropIfOtherKind(conn, m);
        timed(m.name, await exec(conn, `create or replace ${m.materialized} ${m.name} as ${m.sql}`));
      } catch (e) {
        throw new Error(`model ${m.name} (${m.file}) failed: ${(e as Error).message}`);
      }
    }
    const warnings = await calendarWarnings(conn, calendar.coveredYears);
    const tests = timed('data tests', await runDataTests(conn, join(SQL_DIR, 'tests')));
    const failing = tests.filter((t) => t.failing_rows > 0);
    if (failing.length) {
      throw new UserError(
        `数据检验未通过，数据库保持原状 / data tests failed, database unchanged: ` +
          failing.map((t) => `${t.test} (${t.failing_rows} rows, e.g. ${t.sample.slice(0, 200)})`).join('; '),
      );
    }
    await exec(conn, `create or replace table data_test_results (test varchar, failing_rows integer, sample varchar)`);
    await exec(
      conn,
      `insert into data_test_results
       select t.test, t.failing_rows, t.sample
       from (select unnest(from_json(?::varchar, '[{"test":"varchar","failing_rows":"integer","sample":"varchar"}]'), recursive := true)) t`,
      [JSON.stringify(tests)],
    );
    await exec(
      conn,
      `create or replace table build_info as
       select ?::date as as_of, ?::timestamp as built_at, ?::varchar as rules, ?::varchar as rules_path,
         ?::date as calendar_first, ?::date as calendar_last, from_json(?::varchar, '["varchar"]') as warnings`,
      [asOf, nowLocal(), JSON.stringify(rules), rulesPath, calendar.first, calendar.last, JSON.stringify(warnings)],
    );
    return { asOf, models: models.length, warnings, dataTests: tests.map(({ test, failing_rows }) => ({ test, failing_rows })) };
  });
  timed('checkpoint and swap', null);
  return { ...report, seconds: Math.round((performance.now() - started) / 10) / 100, timings };
}
