// Loader speed against DuckDB's own floor: `create table t as select * from read_csv(file)` into a
// fresh database file, versus `loadPaths` of the same file into another fresh database.
// For pipeline/bench.ts (`npm run bench`); run alone with `npx tsx pipeline/load/bench.ts FILE`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, withWriteDb } from '../db.ts';
import { loadPaths, type LoadReport } from './index.ts';
import { sqlString } from './read.ts';

export interface LoadBench {
  file: string;
  plainSeconds: number;
  loadSeconds: number;
  ratio: number;
  report: LoadReport;
}

export async function benchLoad(file: string): Promise<LoadBench> {
  const dir = mkdtempSync(join(tmpdir(), 'rehandle-bench-'));
  try {
    let t = performance.now();
    await withWriteDb(join(dir, 'plain.duckdb'), ({ conn }) => exec(conn, `create table t as select * from read_csv(${sqlString(file)})`));
    const plainSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const report = await loadPaths(join(dir, 'load.duckdb'), [file], {});
    const loadSeconds = (performance.now() - t) / 1000;
    return { file, plainSeconds, loadSeconds, ratio: loadSeconds / plainSeconds, report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const r = await benchLoad(process.argv[2]);
  console.log(JSON.stringify({ ...r, report: r.report.files }, null, 1));
}
