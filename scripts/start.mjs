#!/usr/bin/env node
// `npm start`: the demo, end to end. Generates the demo data set when data/ has none, loads it
// (a file already loaded is skipped by its content hash), builds the models as of today and serves
// the dashboard. Each step is the real CLI, so what you see is what scripts get.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const DEMO_DIR = 'data/demo';
const DB = process.env.REHANDLE_DB ?? 'data/warehouse.duckdb';
const PORT = process.env.PORT ?? '3000';

function step(title, args) {
  const started = Date.now();
  console.log(`\n▶ ${title}\n  rehandle ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/rehandle.mjs', ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${title} 失败 / failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const hasData = existsSync(DEMO_DIR) && readdirSync(DEMO_DIR).some((f) => /^(units|cases|events|audits)/.test(f));
if (!hasData) {
  step('生成演示数据 generate the demo data set (24 months, 300,000 cases)', ['generate', '--out', DEMO_DIR, '--cases', '300000', '--months', '24', '--seed', '20241227']);
}
step('载入 load', ['load', DEMO_DIR, '--db', DB]);
step('构建模型 build the models (as of today, Asia/Shanghai)', ['build', '--db', DB]);
console.log(`\n▶ 看板 dashboard: http://localhost:${PORT}/  (Ctrl-C 停止 / to stop)`);
step('serve', ['serve', '--db', DB, '--port', PORT]);
