// A load killed mid-way (kill -9) leaves the previous database intact, and the next load works.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exec, openMemory } from '../../pipeline/db.ts';
import { loadPaths } from '../../pipeline/load/index.ts';
import { FIXTURES, query, tempDir } from './helpers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a killed load', () => {
  it('leaves the database as it was; a new load then works', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.duckdb');
    await loadPaths(db, [join(FIXTURES, 'basic')], {});
    const before = sha(db);

    const big = join(dir, 'cases_big.csv');
    const mem = await openMemory();
    try {
      await exec(mem.conn, `copy (select 'B' || i as case_id, '2025-03-01 08:00:00' as received_at, '诉求内容' || i as content,
        'U' || (i % 50) as unit_id, '不满意' as satisfaction from range(300000) t(i)) to '${big}' (header)`);
    } finally {
      mem.close();
    }

    const child = spawn(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), 'load', big, '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const next = `${db}.next-${child.pid}`;
    for (let waited = 0; !existsSync(next) && waited < 60_000; waited += 20) await sleep(20);
    expect(existsSync(next)).toBe(true); // the writer is working on its private copy
    await sleep(300);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL'); // killed, not finished

    expect(sha(db)).toBe(before);
    expect(await query(db, 'select count(*) as n from raw_cases')).toEqual([{ n: 3 }]);
    rmSync(next, { force: true }); // the orphan copy of the killed writer (pipeline/DESIGN.md)

    // The dead process's lock is taken over; the same file now loads (it was never recorded).
    const r = await loadPaths(db, [big], {});
    expect(r.files[0]).toMatchObject({ status: 'loaded', rows_loaded: 300000, rows_rejected: 0 });
    expect(await query(db, 'select count(*) as n from raw_cases')).toEqual([{ n: 300003 }]);
  });
});
