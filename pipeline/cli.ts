// `rehandle` command line (SPEC §8). Parses arguments, calls one module per command, prints.
// Every problem with arguments or input ends as one line on stderr and exit code 1.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_DB } from './db.ts';
import { UserError } from './errors.ts';
import { parseDateArg, parseMonthArg, todayLocal } from './time.ts';
import { createReader } from './query/core.ts';
import { formatRate } from './format.ts';
import { SCOPES, flags, indicators, rejects, type Scope } from './query/indicators.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
const db = { db: { type: 'string', default: DEFAULT_DB } } satisfies Options;

const USAGE = `用法 / usage: rehandle <command> [options]
  generate --out DIR [--cases N] [--months N] [--seed S] [--end YYYY-MM] [--format csv,gb18030,xlsx,parquet,jsonl] [--truth FILE]
  load PATH... [--db FILE] [--map FILE] [--force] [--json]
  build [--db FILE] [--as-of YYYY-MM-DD]
  indicators [--db FILE] [--month YYYY-MM] [--by unit|district|unit_type|city] [--json]
  flags [--db FILE] [--month YYYY-MM] [--json]
  rejects [--db FILE] [--json]
  serve [--db FILE] [--port N]
  bench [--sizes N,N] [--huge]`;

function parse(args: string[], options: Options, positionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UserError(`参数错误 / bad arguments: ${(e as Error).message.split('\n')[0]}`);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function intArg(name: string, v: string | undefined, fallback: number, min = 0): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UserError(`--${name} 需要不小于 ${min} 的整数 / --${name} needs a whole number >= ${min}, got "${v}"`);
  return Number(v);
}

function monthArg(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = parseMonthArg(v);
  if (!m) throw new UserError(`--month 格式应为 YYYY-MM / --month must look like 2025-03, got "${v}"`);
  return m;
}


function printTable(headers: string[], rows: (string | number | null)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  // East Asian characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  for (const r of cells) console.log(r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd());
}

async function withReader<T>(dbPath: string, fn: (r: ReturnType<typeof createReader>) => Promise<T>): Promise<T> {
  const reader = createReader(dbPath);
  try {
    return await fn(reader);
  } finally {
    reader.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async generate(args) {
    const { values } = parse(args, {
      out: { type: 'string' }, cases: { type: 'string' }, months: { type: 'string' },
      seed: { type: 'string' }, end: { type: 'string' }, format: { type: 'string' }, truth: { type: 'string' },
    });
    const out = str(values.out);
    if (!out) throw new UserError('generate 需要 --out DIR / generate needs --out DIR');
    const end = str(values.end) ?? todayLocal().slice(0, 7);
    if (!parseMonthArg(end)) throw new UserError(`--end 格式应为 YYYY-MM / --end must look like 2025-03, got "${end}"`);
    const formats = (str(values.format) ?? 'csv').split(',').map((f) => f.trim());
    const known = ['csv', 'gb18030', 'xlsx', 'parquet', 'jsonl'];
    const unknown = formats.filter((f) => !known.includes(f));
    if (unknown.length) throw new UserError(`未知格式 / unknown --format ${unknown.join(',')}; use ${known.join(',')}`);
    const { generate } = await import('./generate/index.ts');
    await generate({
      out, end,
      cases: intArg('cases', str(values.cases), 100_000, 1),
      months: intArg('months', str(values.months), 24, 1),
      seed: intArg('seed', str(values.seed), 1),
      formats: formats as never,
      truth: str(values.truth),
      onProgress: (msg: string) => console.error(msg),
    });
  },

  async load(args) {
    const { values, positionals } = parse(args, { ...db, map: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } }, true);
    if (!positionals.length) throw new UserError('load 需要至少一个文件或文件夹 / load needs at least one file or folder');
    const { loadPaths } = await import('./load/index.ts');
    const report = await loadPaths(values.db as string, positionals, { map: str(values.map), force: Boolean(values.force) });
    if (values.json) {
      console.log(JSON.stringify(report.files));
      return;
    }
    printTable(
      ['文件 file', '类型 kind', '格式 format', '状态 status', '读取 read', '载入 loaded', '拒绝 rejected', '跳过 skipped'],
      report.files.map((f) => [f.file, f.kind, f.encoding ? `${f.format}/${f.encoding}` : f.format, f.status, f.rows_read, f.rows_loaded, f.rows_rejected, f.rows_skipped]),
    );
    const sum = (k: 'rows_loaded' | 'rows_rejected') => report.files.reduce((s, f) => s + f[k], 0);
    console.log(`载入 loaded ${sum('rows_loaded')} 行, 拒绝 rejected ${sum('rows_rejected')} 行${sum('rows_rejected') ? ' (rehandle rejects 查看原因 / to see why)' : ''}`);
  },

  async build(args) {
    const { values } = parse(args, { ...db, 'as-of': { type: 'string' } });
    const asOfArg = str(values['as-of']);
    const asOf = asOfArg === undefined ? todayLocal() : parseDateArg(asOfArg);
    if (!asOf) throw new UserError(`--as-of 格式应为 YYYY-MM-DD / --as-of must be a date like 2025-03-31, got "${asOfArg}"`);
    const { build } = await import('./models.ts');
    const report = await build(values.db as string, { asOf });
    for (const w of report.warnings) console.error(`警告 warning: ${w}`);
    console.log(`构建完成 built ${report.models} models as of ${report.asOf} in ${report.seconds.toFixed(1)} s; data tests passed: ${report.dataTests.length}`);
  },

  async indicators(args) {
    const { values } = parse(args, { ...db, month: { type: 'string' }, by: { type: 'string', default: 'unit' }, json: { type: 'boolean' } });
    const by = values.by as Scope;
    if (!SCOPES.includes(by)) throw new UserError(`--by 应为 ${SCOPES.join('|')} / --by must be one of ${SCOPES.join(', ')}, got "${by}"`);
    const month = monthArg(str(values.month));
    const rows = await withReader(values.db as string, (r) => indicators(r, { month, by }));
    if (values.json) {
      console.log(JSON.stringify(rows));
      return;
    }
    const cell = (x: { num: number; den: number; rate: number | null }) => `${formatRate(x.rate)} (${x.num}/${x.den})`;
    printTable(
      ['月份', '范围', '对象', '准确签收率', '按时联系率', '按时解决率'],
      rows.map((x) => [x.month, x.scope, x.key, cell(x.accurate_receipt), cell(x.on_time_contact), cell(x.on_time_solving)]),
    );
  },

  async flags(args) {
    const { values } = parse(args, { ...db, month: { type: 'string' }, json: { type: 'boolean' } });
    const month = monthArg(str(values.month));
    const rows = await withReader(values.db as string, (r) => flags(r, { month }));
    if (values.json) {
      console.log(JSON.stringify(rows));
      return;
    }
    printTable(['月份', '工单', '单位', '抽查类别', '原因'], rows.map((x) => [x.month, x.case_id, x.unit_id, x.flags.join(','), x.reasons.join('；')]));
  },

  async rejects(args) {
    const { values } = parse(args, { ...db, json: { type: 'boolean' } });
    const rows = await withReader(values.db as string, (r) => rejects(r));
    if (values.json) {
      console.log(JSON.stringify(rows));
      return;
    }
    printTable(['文件', '行', '列', '值', '原因'], rows.map((x) => [x.file, x.line, x.column, x.value, x.reason]));
  },

  async serve(args) {
    const { values } = parse(args, { ...db, port: { type: 'string' }, host: { type: 'string' } });
    const { serve } = await import('./serve.ts');
    await serve({ dbPath: values.db as string, port: intArg('port', str(values.port), 3000, 1), host: str(values.host) });
  },

  async bench(args) {
    const { values } = parse(args, { sizes: { type: 'string' }, huge: { type: 'boolean' }, out: { type: 'string' } });
    const sizes = (str(values.sizes) ?? '100000,1000000').split(',').map((s) => intArg('sizes', s.trim(), 0, 1));
    if (values.huge) sizes.push(10_000_000);
    const { bench } = await import('./bench.ts');
    await bench({ sizes, outDir: str(values.out) ?? 'test/bench/results' });
  },
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const run = commands[command];
  if (!run) throw new UserError(`未知命令 / unknown command "${command}"; run "rehandle --help"`);
  await run(rest);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UserError) {
    console.error(`rehandle: ${e.message}`);
    process.exit(1);
  }
  // Anything else is our bug, not the user's: one line, the stack only on request.
  const err = e as Error;
  console.error(`rehandle: 内部错误 / internal error: ${err?.message ?? String(e)}`);
  if (process.env.REHANDLE_DEBUG) console.error(err?.stack);
  process.exit(2);
});
