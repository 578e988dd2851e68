// Type, validate and write one file's rows, set-based in SQL (see README.md for the steps).
// Every bad row gets one or more rows in `rej` (line, column, value, reason); the rest load.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, exec } from '../db.ts';
import { ident, sqlString, type Source } from './read.ts';
import { CODES, COLUMNS, FALSE_WORDS, TRUE_WORDS, type ColumnSpec, type Kind } from './vocab.ts';

export interface FileTarget {
  loadId: number;
  file: string;
}

export interface KindCounts {
  rows_loaded: number;
  rows_rejected: number;
}

const q = sqlString;

/** SQL that turns the trimmed text `x` into the column's type; NULL when it cannot. */
function parseExpr(spec: ColumnSpec, x: string): string {
  const t = spec.type;
  if (t === 'text') return x;
  if (t === 'timestamp') return `rh_ts(${x})`;
  if (t === 'date') return `rh_date(${x})`;
  // `case lower(x) when 'word' then ...`: plain comparisons. DuckDB plans a `lower(x) in (...)` list
  // as a join per list, which drags every column of the row through it and stops unused columns
  // from being pruned.
  const pairs: Array<[string, string]> = t === 'boolean'
    ? [...TRUE_WORDS.map((w): [string, string] => [w, 'true']), ...FALSE_WORDS.map((w): [string, string] => [w, 'false'])]
    : Object.entries(CODES[t.code] as Record<string, string[]>).flatMap(([code, labels]) =>
        [code, ...labels.map((l) => l.toLowerCase())].map((w): [string, string] => [w, q(code)]));
  return `case lower(${x}) ${pairs.map(([w, v]) => `when ${q(w)} then ${v}`).join(' ')} end`;
}

/** Reason given for a value that does not parse, telling the user what is accepted. */
function parseReason(spec: ColumnSpec): string {
  const t = spec.type;
  if (t === 'timestamp') return '无法识别的时间，请用 2024-12-25 14:03:22、2024/12/25 14:03、带时区的 ISO 8601 或 Excel 日期 / unparseable timestamp';
  if (t === 'date') return '无法识别的日期，请用 2024-12-25 或 2024/12/25 / unparseable date';
  if (t === 'boolean') return '无法识别的是/否值，请填 是/否、true/false、1/0 或 yes/no / unparseable boolean';
  const codes = Object.entries(CODES[(t as { code: keyof typeof CODES }).code] as Record<string, string[]>).map(([c, l]) => `${c}(${l[0]})`);
  return `未知的代码，可用：${codes.join('、')} / unknown code`;
}

const srcCol = (spec: ColumnSpec) => (spec.type === 'text' ? spec.name : `${spec.name}__s`);

/**
 * Stage 1: `stg` holds, per row, `_line`, each column's trimmed text (`<col>__s` for typed
 * columns) and its typed value; `rej` gets missing keys and unparseable values.
 */
async function stage(conn: DuckDBConnection, kind: Kind, source: Source, exprs: Map<string, string>): Promise<void> {
  const line = source.lineFromRowid === undefined ? '_line, ' : '';
  await exec(conn, `create or replace temp table rej (_line integer, "column" varchar, value varchar, reason varchar);
    create or replace temp table stg_rows as ${typedSelect(kind, line, `select ${line}\n  ${cleanList(kind, exprs)}\nfrom ${source.rel}`)};
    create or replace temp view stg as select ${line ? '*' : `cast(rowid + ${source.lineFromRowid} as integer) as _line, *`} from stg_rows`);
  await reject(conn, rowChecks(kind));
}

/** Each column's trimmed text, named `<col>` (text columns) or `<col>__s` (typed columns). */
const cleanList = (kind: Kind, exprs: Map<string, string>) => COLUMNS[kind].map((s) => `${exprs.get(s.name)} as ${ident(srcCol(s))}`).join(',\n  ');

/** Over `from` (which has the `cleanList` columns): the texts of typed columns and their typed values. */
function typedSelect(kind: Kind, line: string, from: string, specs = COLUMNS[kind]): string {
  const outer = specs.map((s) => (s.type === 'text' ? ident(s.name) : `${ident(srcCol(s))}, ${parseExpr(s, ident(srcCol(s)))} as ${ident(s.name)}`)).join(',\n  ');
  return `select ${line}\n  ${outer}\nfrom (${from})`;
}

/** Columns the row checks read: required ones and typed ones (by their `stg` name). */
const checkedColumns = (kind: Kind) => COLUMNS[kind].filter((s) => s.required || s.type !== 'text');

/** The per-row checks over `stg`: missing required values, values that do not parse. */
function rowChecks(kind: Kind): string[] {
  const checks: string[] = [];
  for (const s of COLUMNS[kind]) {
    const text = ident(srcCol(s));
    if (s.required) checks.push(`select _line, ${q(s.name)}, null, ${q(`缺少必填字段 ${s.name}，请补上 / missing required value`)} from stg where ${text} is null`);
    if (s.type !== 'text') checks.push(`select _line, ${q(s.name)}, ${text}, ${q(parseReason(s))} from stg where ${text} is not null and ${ident(s.name)} is null`);
  }
  return checks;
}

/** True for a row that one of `rowChecks` rejects (same conditions, over the same columns). */
function rowFails(kind: Kind): string {
  const conds: string[] = [];
  for (const s of COLUMNS[kind]) {
    const text = ident(srcCol(s));
    if (s.required) conds.push(`${text} is null`);
    if (s.type !== 'text') conds.push(`(${text} is not null and ${ident(s.name)} is null)`);
  }
  return conds.length ? `coalesce(${conds.join(' or ')}, false)` : 'false';
}

async function reject(conn: DuckDBConnection, selects: string[]): Promise<void> {
  if (selects.length) await exec(conn, `insert into rej\n${selects.join('\nunion all\n')}`);
}

/** Rows of `from` that have no reject so far. */
const good = (from: string) => `(select * from ${from} t where not exists (select 1 from rej r where r._line = t._line))`;

/** Loads, per kind, after staging. Each returns the number of rows written. */
const WRITERS: Record<Kind, (conn: DuckDBConnection, t: FileTarget) => Promise<number>> = {
  units: (conn, t) => replaceByKey(conn, t, 'raw_units', 'unit_id'),
  cases: (conn, t) => replaceByKey(conn, t, 'raw_cases', 'case_id'),
  events: writeEvents,
  audits: writeAudits,
};

export async function loadRows(conn: DuckDBConnection, kind: Kind, source: Source, exprs: Map<string, string>, target: FileTarget): Promise<KindCounts> {
  let loaded: number;
  if ((kind === 'units' || kind === 'cases') && !(await hasPrimaryKey(conn, KEYED[kind][0]))) {
    loaded = await writeByKeyInOnePass(conn, kind, source, exprs, target);
  } else {
    await stage(conn, kind, source, exprs);
    loaded = await WRITERS[kind](conn, target);
  }
  await exec(conn, `insert into rejects select ${target.loadId}, ${q(target.file)}, _line, "column", value, reason from rej order by _line`);
  const rejected = (await all<{ n: number }>(conn, 'select count(distinct _line) as n from rej'))[0].n;
  await exec(conn, 'drop view stg; drop table stg_rows; drop table rej; drop table if exists candidates');
  return { rows_loaded: loaded, rows_rejected: rejected };
}

const provenance = (t: FileTarget) => `${t.loadId}, ${q(t.file)}, _line`;
const columnList = (kind: Kind) => COLUMNS[kind].map((c) => ident(c.name)).join(', ');

const KEYED = { units: ['raw_units', 'unit_id'], cases: ['raw_cases', 'case_id'] } as const;

/** A raw table made by an older schema.sql, with a primary key (it cannot take the one-pass write). */
async function hasPrimaryKey(conn: DuckDBConnection, table: string): Promise<boolean> {
  const rows = await all<{ n: number }>(conn, `select count(*) as n from duckdb_constraints()
    where database_name = current_database() and schema_name = 'main' and table_name = ${q(table)} and constraint_type = 'PRIMARY KEY'`);
  return rows[0].n > 0;
}

/**
 * Units and cases, same result as `stage` + `replaceByKey` but with one pass over the source and
 * no staging copy (each copy of a 1M-row file costs more than reading it): every row is typed and
 * written straight to the raw table. A row failing a `rowChecks` check is written under load id
 * `-loadId` with the texts of its checked columns as JSON in `_file`; those few rows are then
 * staged from there, checked by the same `rowChecks` into `rej`, and deleted. Then, as in
 * `replaceByKey`: earlier rows of a key repeated in the file and stored rows of a key now loaded
 * are deleted.
 */
async function writeByKeyInOnePass(conn: DuckDBConnection, kind: 'units' | 'cases', source: Source, exprs: Map<string, string>, t: FileTarget): Promise<number> {
  const [table, key] = KEYED[kind];
  // A source in file order without `_line` (a CSV read in place): the rows are numbered after
  // the write, from their row ids (insertion order is file order), which keeps the read parallel
  // where `row_number() over ()` would make it serial. One transaction keeps the ids contiguous.
  const inPlace = source.lineFromRowid !== undefined;
  const line = inPlace ? 'cast(null as integer) as _line' : '_line';
  const typed = typedSelect(kind, '_line, ', `select ${line},\n  ${cleanList(kind, exprs)}\nfrom ${source.rel}`);
  const checked = checkedColumns(kind);
  const texts = checked.map((s) => `${q(srcCol(s))}, ${ident(srcCol(s))}`).join(', ');
  const failed = rowFails(kind);
  const both = `${table} where _load_id in (${t.loadId}, ${-t.loadId})`;
  await exec(conn, `${inPlace ? 'begin transaction;' : ''}
    insert into ${table}
    select ${columnList(kind)}, case when _failed then ${-t.loadId} else ${t.loadId} end,
      case when _failed then cast(json_object(${texts}) as varchar) else ${q(t.file)} end, _line
    from (select *, ${failed} as _failed from (${typed}));
    ${inPlace ? `update ${table} set _line = cast(rowid - (select min(rowid) from ${both}) + ${source.lineFromRowid} as integer)
      where _load_id in (${t.loadId}, ${-t.loadId}); commit;` : ''}`);
  const fromJson = checked.map((s) => `json_extract_string(_file, ${q(`$.${srcCol(s)}`)}) as ${ident(srcCol(s))}`).join(', ');
  await exec(conn, `create or replace temp table rej (_line integer, "column" varchar, value varchar, reason varchar);
    create or replace temp table stg_rows as ${typedSelect(kind, '_line, ', `select _line, ${fromJson} from ${table} where _load_id = ${-t.loadId}`, checked)};
    create or replace temp view stg as select * from stg_rows`);
  await reject(conn, rowChecks(kind));
  await exec(conn, `delete from ${table} where _load_id = ${-t.loadId}`);
  const mine = `${table} where _load_id = ${t.loadId}`;
  if ((await all<{ n: number }>(conn, `select count(*) - count(distinct ${key}) as n from ${mine}`))[0].n > 0) {
    await exec(conn, `delete from ${table} using (select ${key}, max(_line) as last from ${mine} group by ${key}) d
      where ${table}._load_id = ${t.loadId} and ${table}.${key} = d.${key} and ${table}._line < d.last`);
  }
  if ((await all<{ n: number }>(conn, `select count(*) as n from ${table} where _load_id is distinct from ${t.loadId}`))[0].n > 0) {
    await exec(conn, `delete from ${table} where _load_id is distinct from ${t.loadId} and ${key} in (select ${key} from ${mine})`);
  }
  return (await all<{ n: number }>(conn, `select count(*) as n from ${mine}`))[0].n;
}

/** Units and cases: a key already present is replaced (latest load wins; in a file, the last row). */
async function replaceByKey(conn: DuckDBConnection, t: FileTarget, table: string, key: string): Promise<number> {
  const kind: Kind = table === 'raw_units' ? 'units' : 'cases';
  const clean = (await all<{ n: number }>(conn, 'select count(*) as n from rej'))[0].n === 0;
  const valid = clean ? 'stg' : good('stg'); // the anti-join costs a third of the insert
  const repeated = (await all<{ n: number }>(conn, `select count(*) - count(distinct ${key}) as n from ${valid}`))[0].n > 0;
  const rows = repeated ? `(select * from ${valid} qualify _line = max(_line) over (partition by ${key}))` : valid;
  await exec(conn, `delete from ${table} where ${key} in (select ${key} from ${valid})`);
  await exec(conn, `insert into ${table} select ${columnList(kind)}, ${provenance(t)} from ${rows}`);
  return (await all<{ n: number }>(conn, `select count(*) as n from ${table} where _load_id = ${t.loadId}`))[0].n;
}

/**
 * Events and audits are immutable facts with an id: a row identical to one already stored (or
 * earlier in the file) is a reload and is skipped silently; the same id with other content is
 * rejected. Leaves `candidates`: the new, first-seen rows with their id in `id`.
 */
async function dedupe(conn: DuckDBConnection, kind: 'events' | 'audits', idExpr: string, table: string, idCol: string, label: string): Promise<void> {
  const content = (alias: string) => `md5(to_json({${COLUMNS[kind].filter((c) => c.name !== idCol).map((c) => `${q(c.name)}: ${alias}.${ident(c.name)}`).join(', ')}}))`;
  const stored = (k: string) => `exists (select 1 from ${table} x where x.${idCol} = ${k}.id)`;
  await exec(conn, `create or replace temp table keyed as select *, ${idExpr} as id, ${content('s')} as content from ${good('stg')} s;
    create or replace temp table first_seen as
      select id, min(_line) as first_line, arg_min(content, _line) as content from keyed k where not ${stored('k')} group by id`);
  const reason = `${label}已存在但内容不同，请换一个编号或改正内容 / duplicate ${idCol} with different content`;
  await reject(conn, [
    // Against the stored row first: a row equal to it is a reload, whatever else the file holds.
    `select k._line, ${q(idCol)}, k.id, ${q(reason)} from keyed k join ${table} x on x.${idCol} = k.id where k.content <> ${content('x')}`,
    // New ids: the first row in the file wins.
    `select k._line, ${q(idCol)}, k.id, ${q(reason)} from keyed k join first_seen f using (id) where k.content <> f.content`,
  ]);
  await exec(conn, `create or replace temp table candidates as
    select k.* from ${good('keyed')} k join first_seen f on f.id = k.id and f.first_line = k._line;
    drop table keyed; drop table first_seen`);
}

async function writeEvents(conn: DuckDBConnection, t: FileTarget): Promise<number> {
  await reject(conn, [
    `select _line, 'category', null, '签收事件须填写签收类别 / a sign event needs a category' from stg where type = 'sign' and category__s is null`,
    `select _line, 'tier', null, '签收类别为未解决的合理诉求时必须填写解决时限 / tier required for unresolved_reasonable' from stg where category = 'unresolved_reasonable' and tier__s is null`,
    `select _line, 'unit_id', null, '派发事件须填写承办单位编号 / a dispatch event needs unit_id' from stg where type = 'dispatch' and unit_id is null`,
  ]);
  const hashId = `coalesce(s.event_id, md5(concat_ws('|', s.case_id, s.type, strftime(s."at", '%Y-%m-%d %H:%M:%S'), coalesce(s.unit_id, ''))))`;
  await dedupe(conn, 'events', hashId, 'raw_events', 'event_id', '事件编号');
  // The earliest dispatch of each case, stored or anywhere in this load: nothing may happen before it.
  await exec(conn, `create or replace temp table first_dispatch as
    select case_id, min("at") as "at" from (
      select case_id, "at" from raw_events where type = 'dispatch'
      union all select case_id, "at" from load_dispatches) group by case_id`);
  await reject(conn, [
    `select _line, 'case_id', case_id, '工单编号不存在，请先导入该工单 / unknown case_id: load the case first' from candidates k
       where not exists (select 1 from raw_cases c where c.case_id = k.case_id)`,
    `select k._line, 'at', k.at__s, '该工单尚无派发记录，请先导入派发事件 / the case has no dispatch event' from candidates k
       left join first_dispatch d using (case_id)
       where k.type <> 'dispatch' and d."at" is null and exists (select 1 from raw_cases c where c.case_id = k.case_id)`,
    `select k._line, 'at', k.at__s, '事件时间早于该工单的派发时间 ' || strftime(d."at", '%Y-%m-%d %H:%M:%S') || '，请核对 / event before the case''s dispatch' from candidates k
       join first_dispatch d using (case_id) where k."at" < d."at"`,
  ]);
  await exec(conn, 'drop table first_dispatch');
  return insertCandidates(conn, t, 'events', 'raw_events', 'event_id');
}

/**
 * `load_dispatches`: the dispatch rows of every events file of this load (case, time and unit
 * given), so an events file may precede the file holding its cases' dispatches.
 */
export async function collectLoadDispatches(conn: DuckDBConnection, files: Array<{ source: Source; exprs: Map<string, string> }>): Promise<void> {
  const spec = (name: string) => COLUMNS.events.find((c) => c.name === name)!;
  const selects = files.map(({ source, exprs }) => `select case_id, rh_ts(at_s) as "at" from (
      select ${exprs.get('case_id')} as case_id, ${exprs.get('at')} as at_s, ${exprs.get('type')} as type_s, ${exprs.get('unit_id')} as unit_id from ${source.rel})
    where ${parseExpr(spec('type'), 'type_s')} = 'dispatch' and case_id is not null and unit_id is not null`);
  await exec(conn, `create or replace temp table load_dispatches (case_id varchar, "at" timestamp)`);
  if (selects.length) await exec(conn, `insert into load_dispatches select * from (${selects.join('\nunion all\n')}) where "at" is not null`);
}

async function writeAudits(conn: DuckDBConnection, t: FileTarget): Promise<number> {
  await reject(conn, [
    `select _line, 'corrected_category', corrected_category__s, '核查结论为判定不准确时须填写有效的更正类别 / classification_inaccurate needs a valid corrected_category'
       from stg where finding = 'classification_inaccurate' and corrected_category__s is null`,
  ]);
  await dedupe(conn, 'audits', 's.audit_id', 'raw_audits', 'audit_id', '核查编号');
  await reject(conn, [
    `select _line, 'case_id', case_id, '工单编号不存在，请先导入该工单 / unknown case_id: load the case first' from candidates k
       where not exists (select 1 from raw_cases c where c.case_id = k.case_id)`,
    `select _line, 'event_id', event_id, '事件编号不存在，请核对 / event_id not found' from candidates k
       where event_id is not null and not exists (select 1 from raw_events e where e.event_id = k.event_id)`,
    `select _line, 'event_id', event_id, '该事件不属于此工单，请核对 / event_id belongs to another case' from candidates k
       where exists (select 1 from raw_events e where e.event_id = k.event_id and e.case_id <> k.case_id)`,
  ]);
  return insertCandidates(conn, t, 'audits', 'raw_audits', 'audit_id');
}

async function insertCandidates(conn: DuckDBConnection, t: FileTarget, kind: 'events' | 'audits', table: string, idCol: string): Promise<number> {
  const cols = COLUMNS[kind].map((c) => (c.name === idCol ? 'id' : ident(c.name))).join(', ');
  const n = (await all<{ n: number }>(conn, `select count(*) as n from ${good('candidates')}`))[0].n;
  await exec(conn, `insert into ${table} select ${cols}, ${provenance(t)} from ${good('candidates')} order by _line`);
  return n;
}
