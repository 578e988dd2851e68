// `rehandle bench` (npm run bench): how fast and how big the pipeline is at scale. For each size it
// generates a data set, then times DuckDB's own `create table … as select * from read_csv(…)` of
// the same files (the floor any loader stands against), the real `load` and the real `build`.
// Every step runs as its own child process under /usr/bin/time, so peak memory (max RSS) is the
// step's own. Results go to <outDir>/bench.md and bench.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.ts';
import { nowLocal } from './time.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/rehandle.mjs');
const TIME = '/usr/bin/time';
const END = '2025-12'; // a fixed past month: every run measures the same data
const MONTHS = 24;

/** Targets of issue 3 on this 2-core machine, checked at 1M cases. */
const TARGETS = { loadOverBaseline: 1.5, buildSeconds1M: 15, peakMb1M: 2048 };

export interface StepResult {
  step: 'generate' | 'baseline' | 'load' | 'build';
  seconds: number;
  cpu_seconds: number;  // user + system: less disturbed than wall time on a shared machine
  peak_rss_mb: number;
  rows: number;         // rows handled by the step (all four files; build: cases)
  rows_per_second: number;
  detail: string;
}

export interface SizeResult {
  cases: number;
  steps: StepResult[];
  load_over_baseline: number;
  load_over_baseline_cpu: number;
  data_mb: number;
  db_mb: number;
}

interface Timed { seconds: number; cpuSeconds: number; rssMb: number; stdout: string; stderr: string }

/** Run a command under /usr/bin/time; returns wall and CPU seconds, max RSS and its output. */
function timed(args: string[]): Timed {
  const stats = join(tmpdir(), `rehandle-bench-time-${process.pid}`);
  const r = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', stats, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${args.slice(0, 4).join(' ')} … failed (${r.status}): ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  const [sec, kb, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(stats, { force: true });
  return { seconds: sec, cpuSeconds: user + sys, rssMb: kb / 1024, stdout: r.stdout, stderr: r.stderr };
}

/** DuckDB's plain CSV import of the same four files into a fresh database: the baseline. */
function baselineScript(dataDir: string, dbFile: string): string {
  const kinds = ['units', 'cases', 'events', 'audits'];
  return `import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(${JSON.stringify(dbFile)});
const c = await db.connect();
let rows = 0;
for (const k of ${JSON.stringify(kinds)}) {
  await c.run(\`create table \${k} as select * from read_csv('${dataDir}/\${k}.csv')\`);
  rows += Number((await c.runAndReadAll(\`select count(*) from \${k}\`)).getRows()[0][0]);
}
await c.run('checkpoint');
console.log(rows);`;
}

const sizeMb = (path: string) => (existsSync(path) ? Number(spawnSync('du', ['-sm', path], { encoding: 'utf8' }).stdout.split('\t')[0]) : 0);
const step = (name: StepResult['step'], t: Timed, rows: number, detail: string): StepResult => ({
  step: name, seconds: t.seconds, cpu_seconds: Number(t.cpuSeconds.toFixed(2)), peak_rss_mb: Math.round(t.rssMb), rows, rows_per_second: Math.round(rows / Math.max(t.seconds, 0.01)), detail,
});

async function benchSize(cases: number, work: string, log: (s: string) => void): Promise<SizeResult> {
  const data = join(work, 'data');
  const db = join(work, 'warehouse.duckdb');
  log(`bench ${cases}: generate`);
  const gen = timed([process.execPath, CLI, 'generate', '--out', data, '--cases', String(cases), '--months', String(MONTHS), '--end', END, '--seed', '1']);
  const m = /done: (\d+) cases, (\d+) unsatisfied, (\d+) events, (\d+) audits/.exec(gen.stderr);
  if (!m) throw new Error(`generate did not report its counts: ${gen.stderr.slice(-300)}`);
  const fileRows = 100 + Number(m[1]) + Number(m[3]) + Number(m[4]);

  log(`bench ${cases}: baseline (DuckDB read_csv)`);
  const base = timed([process.execPath, '--input-type=module', '-e', baselineScript(data, join(work, 'baseline.duckdb'))]);
  const baseRows = Number(base.stdout.trim());
  rmSync(join(work, 'baseline.duckdb'), { force: true });

  log(`bench ${cases}: load`);
  const load = timed([process.execPath, CLI, 'load', data, '--db', db]);
  const lm = /载入 loaded (\d+) 行, 拒绝 rejected (\d+) 行/.exec(load.stdout);

  log(`bench ${cases}: build`);
  const build = timed([process.execPath, CLI, 'build', '--db', db, '--as-of', `${END}-31`]);
  const bm = /built (\d+) models .* in ([\d.]+) s/.exec(build.stdout);

  const steps = [
    step('generate', gen, fileRows, `${m[1]} cases, ${m[2]} unsatisfied, ${m[3]} events, ${m[4]} audits`),
    step('baseline', base, baseRows, 'DuckDB create table as select * from read_csv, 4 files'),
    step('load', load, fileRows, lm ? `${lm[1]} loaded, ${lm[2]} rejected` : 'counts not printed'),
    step('build', build, Number(m[1]), bm ? `${bm[1]} models, ${bm[2]} s inside build()` : 'report not printed'),
  ];
  return { cases, steps, load_over_baseline: load.seconds / base.seconds, load_over_baseline_cpu: load.cpuSeconds / base.cpuSeconds, data_mb: sizeMb(data), db_mb: sizeMb(db) };
}

function markdown(results: SizeResult[], meta: Record<string, string>): string {
  const lines = [
    '# Benchmark: generate, load, build',
    '',
    `${meta.date} (Asia/Shanghai) · ${meta.cpus} · ${meta.memory} · node ${meta.node} · load average at the end ${meta.load_average_at_end} (the machine is shared) · ${MONTHS} months ending ${END}, seed 1.`,
    'Each step is its own child process (`/usr/bin/time`): wall seconds include process start-up; peak = max RSS.',
    'Baseline = DuckDB `create table … as select * from read_csv(…)` of the same four CSV files into a fresh database.',
    '',
    '| cases | step | seconds | CPU s | rows | rows/s | peak MB | detail |',
    '|---:|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    for (const s of r.steps) lines.push(`| ${r.cases.toLocaleString('en')} | ${s.step} | ${s.seconds.toFixed(1)} | ${s.cpu_seconds.toFixed(1)} | ${s.rows.toLocaleString('en')} | ${s.rows_per_second.toLocaleString('en')} | ${s.peak_rss_mb} | ${s.detail} |`);
  }
  lines.push('', '| cases | load / baseline (wall) | load / baseline (CPU) | data MB | database MB |', '|---:|---:|---:|---:|---:|');
  for (const r of results) lines.push(`| ${r.cases.toLocaleString('en')} | ${r.load_over_baseline.toFixed(2)}× | ${r.load_over_baseline_cpu.toFixed(2)}× | ${r.data_mb} | ${r.db_mb} |`);
  lines.push('', '## Targets', '');
  for (const r of results) {
    const build = r.steps.find((s) => s.step === 'build')!;
    const peak = Math.max(...r.steps.map((s) => s.peak_rss_mb));
    const ok = (b: boolean) => (b ? 'met' : '**missed**');
    lines.push(`- ${r.cases.toLocaleString('en')} cases: load within ${TARGETS.loadOverBaseline}× of baseline: ${ok(r.load_over_baseline <= TARGETS.loadOverBaseline)} (${r.load_over_baseline.toFixed(2)}×)` +
      (r.cases === 1_000_000 ? `; build under ${TARGETS.buildSeconds1M} s: ${ok(build.seconds < TARGETS.buildSeconds1M)} (${build.seconds.toFixed(1)} s); peak under 2 GB: ${ok(peak < TARGETS.peakMb1M)} (${peak} MB)` : ''));
  }
  return lines.join('\n') + '\n';
}

export async function bench(opts: { sizes: number[]; outDir: string; log?: (msg: string) => void }): Promise<void> {
  if (!existsSync(TIME)) throw new UserError(`需要 ${TIME} 测量内存 / bench needs GNU time at ${TIME} (apt-get install time)`);
  const log = opts.log ?? ((s: string) => console.error(s));
  const results: SizeResult[] = [];
  for (const cases of opts.sizes) {
    const work = mkdtempSync(join(tmpdir(), `rehandle-bench-${cases}-`));
    try {
      results.push(await benchSize(cases, work, log));
    } finally {
      rmSync(work, { recursive: true, force: true });
      rmSync(`${work}.truth.json`, { force: true });
    }
  }
  const meta = { date: nowLocal(), load_average_at_end: loadavg().map((x) => x.toFixed(1)).join(' '), cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, memory: `${Math.round(totalmem() / 2 ** 30)} GB RAM`, node: process.version };
  const md = markdown(results, meta);
  mkdirSync(opts.outDir, { recursive: true });
  writeFileSync(join(opts.outDir, 'bench.md'), md);
  writeFileSync(join(opts.outDir, 'bench.json'), JSON.stringify({ ...meta, months: MONTHS, end: END, targets: TARGETS, results }, null, 1) + '\n');
  console.log(md);
  log(`written ${resolve(opts.outDir, 'bench.md')} and bench.json`);
}
