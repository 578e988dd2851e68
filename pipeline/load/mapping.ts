// Which source column feeds which canonical column: the alias table (vocab.ts), optionally
// overridden by a mapping file (`--map FILE`, format in data/mappings/README.md).
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { ident, sqlString } from './read.ts';
import { COLUMNS, KIND_ORDER, canonicalHeader, type Kind } from './vocab.ts';

export interface Mapping {
  kind?: Kind;
  /** source header → canonical column */
  columns: Record<string, string>;
  /** canonical column → source headers joined by a line break (empty parts left out) */
  concat: Record<string, string[]>;
  /** canonical column → constant text, for columns the file lacks */
  constants: Record<string, string>;
}

const EMPTY: Mapping = { columns: {}, concat: {}, constants: {} };

export function readMapping(path: string | undefined): Mapping {
  if (!path) return EMPTY;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`无法读取映射文件 / cannot read mapping file ${path}: ${String((e as Error).message).split('\n')[0]}`);
  }
  const bad = (why: string) => new UserError(`映射文件有误 / invalid mapping file ${path}: ${why}`);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('not a JSON object');
  const m = raw as Record<string, unknown>;
  for (const key of Object.keys(m)) if (!['kind', 'columns', 'concat', 'constants', 'description'].includes(key)) throw bad(`unknown key "${key}"`);
  if (m.kind !== undefined && !KIND_ORDER.includes(m.kind as Kind)) throw bad(`kind must be one of ${KIND_ORDER.join(', ')}`);
  const objectOf = (key: string, check: (v: unknown) => boolean, what: string): Record<string, never> => {
    const v = m[key] ?? {};
    if (typeof v !== 'object' || Array.isArray(v) || !Object.values(v as object).every(check)) throw bad(`"${key}" must map names to ${what}`);
    return v as Record<string, never>;
  };
  const mapping: Mapping = {
    kind: m.kind as Kind | undefined,
    columns: objectOf('columns', (v) => typeof v === 'string', 'column names'),
    concat: objectOf('concat', (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'), 'lists of source headers'),
    constants: objectOf('constants', (v) => typeof v === 'string', 'text values'),
  };
  const known = new Set(Object.values(COLUMNS).flat().map((c) => c.name));
  for (const target of [...Object.values(mapping.columns), ...Object.keys(mapping.concat), ...Object.keys(mapping.constants)]) {
    if (!known.has(target)) throw bad(`unknown canonical column "${target}"`);
  }
  return mapping;
}

/** Canonical columns a file provides (used to recognise its kind by header). */
export function providedColumns(headers: string[], mapping: Mapping): Set<string> {
  const out = new Set(headers.map((h) => mapping.columns[h.trim()] ?? canonicalHeader(h)));
  for (const c of [...Object.keys(mapping.concat), ...Object.keys(mapping.constants)]) out.add(c);
  return out;
}

/**
 * Whitespace trimmed from every text cell (real data pads with line breaks, tabs, full-width
 * spaces). Testing the first code point and the last character before trimming with a character
 * list is several times cheaper than trimming every cell. (`list_contains`, not `in (...)`: DuckDB
 * plans a long `in` list as a join, which stops unused columns of a view from being pruned.)
 */
const PAD = [9, 10, 11, 12, 13, 32, 160, 12288, 65279];
export const CLEAN_MACRO_SQL = `create or replace temp macro rh_clean_text(x) as nullif(
  case when list_contains([${PAD.join(', ')}], ord(x)) or ${PAD.map((c) => `suffix(x, chr(${c}))`).join(' or ')}
    then trim(x, ${PAD.map((c) => `chr(${c})`).join(' || ')})
    else x end, '');
create or replace temp macro rh_clean(x) as rh_clean_text(cast(x as varchar));`;

/**
 * For each canonical column of `kind`, the SQL expression giving its trimmed text (NULL when
 * empty or absent). Throws UserError when the file lacks a required column or a mapped one.
 */
export function columnExpressions(kind: Kind, headers: string[], mapping: Mapping, file: string): Map<string, string> {
  const byName = new Map<string, string>();
  for (const h of headers) {
    const target = mapping.columns[h.trim()] ?? canonicalHeader(h);
    if (byName.has(target)) throw new UserError(`文件中有两列都对应 ${target}：${byName.get(target)} 和 ${h} / two columns map to ${target} in ${file}`);
    byName.set(target, h);
  }
  const present = new Set(headers.map((h) => h.trim()));
  for (const [src] of Object.entries(mapping.columns)) {
    if (!present.has(src)) throw new UserError(`映射文件中的列“${src}”在文件中不存在 / mapped column "${src}" not found in ${file}`);
  }
  const exprs = new Map<string, string>();
  for (const col of COLUMNS[kind]) {
    const parts = mapping.concat[col.name];
    const src = byName.get(col.name);
    if (parts) {
      for (const p of parts) if (!present.has(p)) throw new UserError(`映射文件中的列“${p}”在文件中不存在 / mapped column "${p}" not found in ${file}`);
      const trimmed = parts.map((p) => `rh_clean(${ident(headers.find((h) => h.trim() === p)!)})`);
      exprs.set(col.name, `nullif(concat_ws(chr(10), ${trimmed.join(', ')}), '')`);
    } else if (src !== undefined) {
      exprs.set(col.name, `rh_clean(${ident(src)})`);
    } else if (mapping.constants[col.name] !== undefined) {
      exprs.set(col.name, `rh_clean(${sqlString(mapping.constants[col.name])})`);
    } else if (col.required) {
      throw new UserError(`${kind} 文件缺少必需的列 ${col.name} / missing required column "${col.name}" in ${file}`);
    } else {
      exprs.set(col.name, 'cast(null as varchar)');
    }
  }
  return exprs;
}
