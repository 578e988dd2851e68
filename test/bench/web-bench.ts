// Web benchmark (not a test): server time of every page and API under 10 concurrent clients on
// loopback, at demo size (~300k cases) and 1M cases. Run:
//   npx tsx test/bench/web-bench.ts [--sizes 300000,1000000] [--requests 100] [--db FILE] [--uncached]
// --db benches an existing, built database instead of generating one per size.
// --uncached turns the server's result cache off (REHANDLE_WEB_CACHE=0): the cost of the queries
// themselves. Results go to test/bench/results/web.md or web-uncached.md (and stdout).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { quantile } from 'simple-statistics';

const ROOT = resolve(import.meta.dirname, '../..');
const WORK = join(ROOT, 'test/artifacts/web-bench');
const CLIENTS = 10;

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '300000,1000000' }, requests: { type: 'string', default: '100' }, db: { type: 'string' }, uncached: { type: 'boolean' } } });
const REQUESTS = Number(values.requests);

const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function startServer(db: string): Promise<{ base: string; proc: ChildProcess }> {
  const port = await freePort();
  const env = { ...process.env, ...(values.uncached ? { REHANDLE_WEB_CACHE: '0' } : {}) };
  const proc = spawn(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), 'serve', '--db', db, '--port', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ok, fail) => {
    let log = '';
    proc.stdout!.on('data', (d) => { log += d; if (log.includes('dashboard at')) ok(); });
    proc.once('exit', (c) => fail(new Error(`server exited ${c}`)));
  });
  return { base: `http://127.0.0.1:${port}`, proc };
}

async function timeOne(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t0;
}

/** `requests` requests to one URL from `clients` concurrent clients. */
async function measure(url: string, clients: number, requests: number): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < requests) {
      next++;
      times.push(await timeOne(url));
    }
  }));
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) };
}

async function endpoints(base: string): Promise<Array<[string, string]>> {
  const city = (await (await fetch(`${base}/api/indicators?by=city`)).json()) as Array<{ month: string }>;
  const month = city.at(-2)?.month ?? city.at(-1)!.month;
  const units = (await (await fetch(`${base}/api/indicators?by=unit&month=${month}`)).json()) as Array<{ key: string; accurate_receipt: { den: number } }>;
  const unit = units.sort((a, b) => b.accurate_receipt.den - a.accurate_receipt.den)[0].key;
  const unitHtml = await (await fetch(`${base}/units/${encodeURIComponent(unit)}`)).text();
  const caseId = /href="\/cases\/([^"]+)"/.exec(unitHtml)![1];
  return [
    ['总览 /', '/'],
    ['总览 other month', `/?m=${month}`],
    ['单位 /units', '/units'],
    ['单位 sorted, page 2', '/units?s=ar&o=desc&p=2'],
    ['单位详情 (largest unit)', `/units/${unit}`],
    ['单位详情 filtered', `/units/${unit}?st=in_progress`],
    ['工单详情', `/cases/${caseId}`],
    ['预警', '/warnings'],
    ['预警 overdue', '/warnings?w=overdue'],
    ['数据', '/data'],
    ['API unit, one month', `/api/indicators?month=${month}&by=unit`],
    ['API city, all months', '/api/indicators?by=city'],
    ['API unit, all months', '/api/indicators?by=unit'],
    ['export units.csv', '/export/units.csv'],
    ['export cases.xlsx (largest unit)', `/export/cases.xlsx?u=${unit}`],
  ];
}

async function benchDb(db: string, label: string): Promise<string[]> {
  const { base, proc } = await startServer(db);
  try {
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    const lines = [`### ${label}`, '', `Load average when started: ${load}.`, '',
      `| page / API | 1 client p50 ms | ${CLIENTS} clients p50 ms | ${CLIENTS} clients p95 ms | max ms |`, '|---|---:|---:|---:|---:|'];
    for (const [name, path] of await endpoints(base)) {
      await measure(base + path, 1, 2); // warm-up
      const one = await measure(base + path, 1, 10);
      const m = await measure(base + path, CLIENTS, REQUESTS);
      const line = `| ${name} \`${path.length > 50 ? path.slice(0, 47) + '…' : path}\` | ${one.p50.toFixed(0)} | ${m.p50.toFixed(0)} | ${m.p95.toFixed(0)} | ${m.max.toFixed(0)} |`;
      console.log(line);
      lines.push(line);
    }
    return [...lines, ''];
  } finally {
    proc.kill('SIGTERM');
  }
}

const report = [
  `# Web benchmark${values.uncached ? ' (result cache off)' : ''}`,
  '',
  `Server time seen from a loopback client: 10 sequential requests (1 client), then ${REQUESTS} requests from ${CLIENTS} concurrent clients, per URL, after 2 warm-up requests.`,
  `Machine: ${(await import('node:os')).cpus().length} cores (shared), Node ${process.version}. Run: \`npx tsx test/bench/web-bench.ts\`. Target: p95 < 200 ms at demo size.`,
  '',
];
if (values.db) {
  report.push(...(await benchDb(resolve(values.db), `existing database ${values.db}`)));
} else {
  for (const size of values.sizes!.split(',').map(Number)) {
    const dir = join(WORK, String(size));
    const db = join(dir, 'warehouse.duckdb');
    if (!existsSync(db)) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const t0 = performance.now();
      cli('generate', '--out', join(dir, 'gen'), '--cases', String(size), '--months', '14', '--seed', '7', '--end', '2025-06');
      cli('load', join(dir, 'gen'), '--db', db);
      cli('build', '--db', db, '--as-of', '2025-06-20');
      console.log(`${size} cases generated, loaded and built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    report.push(...(await benchDb(db, `${size.toLocaleString('en-US')} cases`)));
  }
}
mkdirSync(join(ROOT, 'test/bench/results'), { recursive: true });
const out = `test/bench/results/${values.uncached ? 'web-uncached' : 'web'}.md`;
writeFileSync(join(ROOT, out), report.join('\n'));
console.log(`→ ${out}`);
