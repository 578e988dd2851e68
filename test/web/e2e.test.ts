// End to end: a generated data set loaded and built by the real CLI, the real server
// (`rehandle serve`), a real browser (Debian's chromium through playwright-core).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test/artifacts/screenshots');
const AS_OF = '2025-06-20';

const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const cliJson = <T>(...args: string[]): T => JSON.parse(cli(...args, '--json')) as T;

interface FlagRow { month: string; case_id: string; unit_id: string; flags: string[]; reasons: string[] }
interface Ratio { num: number; den: number; rate: number | null }
interface IndicatorRow { month: string; scope: string; key: string; accurate_receipt: Ratio; on_time_contact: Ratio; on_time_solving: Ratio }
const FIELD = { ar: 'accurate_receipt', otc: 'on_time_contact', ots: 'on_time_solving' } as const;

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

let dir: string;
let db: string;
let server: ChildProcess;
let base: string;
let browser: Browser;
const consoleErrors: string[] = [];
let serverLog = '';

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`); });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  const res = await page.goto(base + path, { waitUntil: 'networkidle' });
  expect(res?.status(), path).toBe(200);
  return page;
}

/** Wait until every chart on the page has left its loading state. */
async function chartsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.getAttribute('data-state') !== 'loading'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rehandle-e2e-'));
  db = join(dir, 'warehouse.duckdb');
  cli('generate', '--out', join(dir, 'gen'), '--cases', '20000', '--months', '14', '--seed', '7', '--end', '2025-06');
  cli('load', join(dir, 'gen'), '--db', db);
  cli('build', '--db', db, '--as-of', AS_OF);
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), 'serve', '--db', db, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((ok, fail) => {
    server.stdout!.on('data', (d) => { log += d; if (log.includes('dashboard at')) ok(); });
    server.stderr!.on('data', (d) => { log += d; });
    server.once('exit', (code) => fail(new Error(`server exited ${code}: ${log}`)));
  });
  serverLog = log;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((ok) => server.once('exit', ok));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dashboard end to end', () => {
  let month: string;
  let unitId: string;
  let caseId: string;

  it('overview shows the CLI city figures for the default month (the last complete one)', async () => {
    month = '2025-05'; // as-of 2025-06-20: June is partial, May is the default
    const page = await openPage('/');
    await chartsSettled(page);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
    expect(await page.textContent('h1')).toContain('2025年5月');
    const [city] = cliJson<IndicatorRow[]>('indicators', '--db', db, '--by', 'city', '--month', month);
    for (const [k, field] of Object.entries(FIELD)) {
      const card = page.locator(`[data-testid=city-indicators] [data-indicator=${k}]`);
      expect(Number(await card.getAttribute('data-num')), k).toBe(city[field].num);
      expect(Number(await card.getAttribute('data-den')), k).toBe(city[field].den);
    }
    expect(city.accurate_receipt.den).toBeGreaterThan(0);
    expect(await page.locator('figure.chart[data-state=data]').count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('the partial month is marked', async () => {
    const page = await openPage('/?m=2025-06');
    expect(await page.locator('[data-testid=partial]').textContent()).toContain(AS_OF);
    await page.close();
  });

  it('units page: every row equals the CLI, funnels drawn', async () => {
    const page = await openPage(`/units?m=${month}`);
    await chartsSettled(page);
    await page.screenshot({ path: join(SHOTS, 'units.png'), fullPage: true });
    const cliRows = cliJson<IndicatorRow[]>('indicators', '--db', db, '--by', 'unit', '--month', month);
    const byKey = new Map(cliRows.map((r) => [r.key, r]));
    const cells = await page.locator('[data-testid=units-table] td[data-indicator]').evaluateAll((tds) =>
      tds.map((td) => ({ unit: td.closest('tr')!.getAttribute('data-unit')!, k: td.getAttribute('data-indicator')!, num: Number(td.getAttribute('data-num')), den: Number(td.getAttribute('data-den')) })));
    expect(cells.length).toBe(150); // 50 units on the first page × 3 indicators
    for (const c of cells) {
      const r = byKey.get(c.unit)!;
      expect({ num: c.num, den: c.den }, `${c.unit} ${c.k}`).toEqual({ num: r[FIELD[c.k as 'ar']].num, den: r[FIELD[c.k as 'ar']].den });
    }
    expect(await page.locator('figure.chart[data-state=data]').count()).toBe(3);
    await page.close();
  });

  it('API returns exactly the CLI JSON', async () => {
    for (const q of [`month=${month}&by=unit`, 'by=district', `month=${month}&by=unit_type`, 'by=city']) {
      const p = new URLSearchParams(q);
      const fromCli = cliJson(...['indicators', '--db', db, '--by', p.get('by')!, ...(p.get('month') ? ['--month', p.get('month')!] : [])]);
      const api = await (await fetch(`${base}/api/indicators?${q}`)).json();
      expect(api, q).toEqual(fromCli);
      expect((api as unknown[]).length).toBeGreaterThan(0);
    }
    const bad = await fetch(`${base}/api/indicators?by=street`);
    expect(bad.status).toBe(400);
  });

  it('drill-down: overview → unit → case', async () => {
    const page = await openPage('/');
    const unitLink = page.locator('[data-testid=warned-units] a').first();
    unitId = decodeURIComponent((await unitLink.getAttribute('href'))!.replace('/units/', ''));
    await unitLink.click();
    await page.waitForURL(`**/units/${unitId}`);
    await chartsSettled(page);
    await page.screenshot({ path: join(SHOTS, 'unit.png'), fullPage: true });
    // the case table fits 1280 px: no horizontal scrolling, the content excerpt ends in "…" with a tooltip
    const fit = await page.locator('[data-testid=cases-table]').evaluate((t) => ({
      overflow: t.parentElement!.scrollWidth - t.parentElement!.clientWidth, right: t.getBoundingClientRect().right,
    }));
    expect(fit.overflow).toBe(0);
    expect(fit.right).toBeLessThanOrEqual(1280);
    expect(await page.locator('[data-testid=cases-table] td[data-col=content]').first().getAttribute('title')).toBeTruthy();
    expect(await page.locator('[data-testid=unit-warnings] li').count()).toBeGreaterThan(0);
    const caseLink = page.locator('[data-testid=cases-table] td[data-col=case_id] a').first();
    caseId = (await caseLink.textContent())!.trim();
    await caseLink.click();
    await page.waitForURL(`**/cases/${caseId}`);
    expect(await page.textContent('h1')).toContain(caseId);
    expect(await page.locator('[data-testid=timeline] li').count()).toBeGreaterThan(0);
    // the timeline exports the steps on screen (CSV with BOM)
    const shownAt = await page.locator('[data-testid=timeline] li .at').allTextContents();
    const [tl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=timeline-export-csv]')]);
    expect(tl.suggestedFilename()).toMatch(/^办理时间线-\d{8}-\d{4}\.csv$/);
    const tlCsv = readFileSync((await tl.path())!, 'utf8');
    expect(tlCsv.charCodeAt(0)).toBe(0xfeff);
    const tlLines = tlCsv.slice(1).trim().split('\r\n');
    expect(tlLines[0]).toBe('工单编号,时间,事项,说明,经核查不予认定');
    expect(tlLines.slice(1).map((l) => l.split(',')[1].slice(0, 16))).toEqual(shownAt.map((t) => t.trim()));
    expect(tlLines.slice(1).every((l) => l.startsWith(`${caseId},`))).toBe(true);
    // personal data is masked: no 11-digit mobile number anywhere on the page
    expect(await page.textContent('body')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    await page.screenshot({ path: join(SHOTS, 'case.png'), fullPage: true });
    await page.close();
  });

  it('flags page: the CLI flagged cases of the month, paged; a row opens its case; XLSX export holds them all', async () => {
    const cliRows = cliJson<FlagRow[]>('flags', '--db', db, '--month', month);
    expect(cliRows.length).toBeGreaterThan(50);
    const page = await openPage(`/flags?m=${month}`);
    await page.screenshot({ path: join(SHOTS, 'flags.png'), fullPage: true });
    expect(Number(await page.locator('[data-testid=flags-total]').getAttribute('data-total'))).toBe(cliRows.length);
    const ids = await page.locator('[data-testid=flags-table] td[data-col=case_id]').allTextContents();
    expect(ids.map((t) => t.trim())).toEqual(cliRows.slice(0, 50).map((r) => r.case_id)); // same order as the CLI
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    expect(xlsx.suggestedFilename()).toMatch(/^抽查工单-\d{8}-\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const exported: string[] = [];
    wb.worksheets[0].eachRow((row, i) => { if (i > 1) exported.push(String(row.getCell(2).value)); });
    expect(exported).toEqual(cliRows.map((r) => r.case_id));
    // page 2 continues the CLI list
    await page.click('a[rel=next]');
    await page.waitForURL((u) => u.searchParams.get('p') === '2');
    const ids2 = await page.locator('[data-testid=flags-table] td[data-col=case_id]').allTextContents();
    expect(ids2.map((t) => t.trim())).toEqual(cliRows.slice(50, 100).map((r) => r.case_id));
    const link = page.locator('[data-testid=flags-table] td[data-col=case_id] a').first();
    const id = (await link.textContent())!.trim();
    await link.click();
    await page.waitForURL(`**/cases/${id}`);
    expect(await page.locator('[data-testid=flags] li').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('a bar of the overview flag chart opens the flags list of that flag and month', async () => {
    const page = await openPage(`/?m=${month}`);
    await chartsSettled(page);
    const bar = page.locator('figure[aria-label=抽查类别] path[fill="#2f6fb0"]').first();
    await bar.click();
    await page.waitForURL((u) => u.pathname === '/flags');
    const url = new URL(page.url());
    expect(url.searchParams.get('m')).toBe(month);
    const flag = url.searchParams.get('f')!;
    expect(flag).toBeTruthy();
    await page.waitForSelector('[data-testid=flags-total]');
    const want = cliJson<FlagRow[]>('flags', '--db', db, '--month', month).filter((r) => r.flags.includes(flag)).length;
    expect(Number(await page.locator('[data-testid=flags-total]').getAttribute('data-total'))).toBe(want);
    await page.close();
  });

  it('warnings and data pages open', async () => {
    for (const [name, path] of [['warnings', '/warnings'], ['data', '/data']]) {
      const page = await openPage(path);
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      await page.close();
    }
  });

  it('a filter lives in the URL and a copied link reproduces the view', async () => {
    const page = await openPage(`/units?m=${month}`);
    const district = (await page.locator('select[name=d] option').nth(1).getAttribute('value'))!;
    await page.selectOption('select[name=d]', district);
    await page.waitForURL((u) => u.searchParams.get('d') === district);
    const rowsAfterSelect = await page.locator('[data-testid=units-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')));
    const copied = await openPage(new URL(page.url()).pathname + new URL(page.url()).search);
    expect(await copied.locator('[data-testid=units-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')))).toEqual(rowsAfterSelect);
    expect(rowsAfterSelect.length).toBeGreaterThan(0);
    expect(rowsAfterSelect.length).toBeLessThan(50);
    await copied.close();
    await page.close();
  });

  it('exports download and read back with the rows on screen', async () => {
    const page = await openPage(`/units?m=${month}&d=${encodeURIComponent('玄武区')}&s=ar&o=desc`);
    const screen = await page.locator('[data-testid=units-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')));
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    expect(csvDownload.suggestedFilename()).toMatch(/^单位指标-\d{8}-\d{4}\.csv$/);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0].split(',')[0]).toBe('单位编号');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(screen);
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsxDownload.path())!);
    const ids: string[] = [];
    wb.worksheets[0].eachRow((row, i) => { if (i > 1) ids.push(String(row.getCell(1).value)); });
    expect(ids).toEqual(screen);
    await page.close();
  });

  it('a load and build while serving shows new data without restart', async () => {
    expect((await fetch(`${base}/units/U1`)).status).toBe(404); // the generated units are U001 …
    cli('load', join(ROOT, 'test/fixtures/handcalc/canonical'), '--db', db);
    cli('build', '--db', db, '--as-of', AS_OF);
    const page = await openPage('/units/U1');
    expect(await page.textContent('h1')).toContain('U1');
    await page.close();
    const dataPage = await (await fetch(`${base}/data`)).text();
    expect(dataPage).toContain('handcalc/canonical/units.csv');
  });

  it('serve prints one progress line for a build, not vite\'s log', () => {
    expect(serverLog).not.toMatch(/PLUGIN_TIMINGS|chunks are larger|tsconfig\.json should extend|Using @sveltejs\/adapter-node/);
    expect(serverLog.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(2); // [构建…完成] + dashboard at
  });

  it('no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
