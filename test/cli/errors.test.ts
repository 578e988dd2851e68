// SPEC §8: every command exits non-zero with a one-line reason on bad arguments or an unreadable
// input, and never leaves a half-written database. Runs the real CLI against a database built from
// the hand-computed data set and checks, after every failure, that nothing in it changed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDCALC, ROOT, ok, rehandle, removeTempDirs, tempDir } from './run.ts';

afterAll(removeTempDirs);

let dir: string;
let db: string;
let fileHash: string;
let queryHash: string;

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const queries = () => sha(['indicators --json', 'indicators --json --by city', 'flags --json', 'rejects --json']
  .map((c) => ok([...c.split(' '), '--db', db])).join('\n'));

/** A new events file that would change the figures if it were loaded: contacts for C11 in March and C26 in April. */
const NEW_EVENTS = [
  'event_id,case_id,type,at,unit_id,category,tier,promised_due,method,note,new_due,approved,decided_at',
  'N1,C11,contact,2025-03-03 10:00:00,U1,,,,phone,,,,',
  'N2,C26,contact,2025-04-03 10:00:00,U4,,,,phone,,,,',
].join('\n') + '\n';

function inputs(name: string, files: Record<string, string | Buffer>): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content);
  return folder;
}

beforeAll(() => {
  dir = tempDir('cli-errors');
  db = join(dir, 'warehouse.duckdb');
  ok(['load', join(HANDCALC, 'canonical'), '--db', db]);
  ok(['build', '--db', db, '--as-of', '2025-04-15']);
  fileHash = sha(readFileSync(db));
  queryHash = queries();
});

type Case = [string, () => string[]];
const CASES: Case[] = [
  ['unknown command', () => ['frobnicate']],
  ['unknown option', () => ['indicators', '--db', db, '--colour']],
  ['--as-of not a real date', () => ['build', '--db', db, '--as-of', '2025-02-30']],
  ['--as-of in another format', () => ['build', '--db', db, '--as-of', '15/04/2025']],
  ['--by not a scope', () => ['indicators', '--db', db, '--by', 'street']],
  ['--month out of range', () => ['indicators', '--db', db, '--month', '2025-13']],
  ['--month malformed', () => ['flags', '--db', db, '--month', '2025-3']],
  ['load without a path', () => ['load', '--db', db]],
  ['generate --cases not a number', () => ['generate', '--out', join(dir, 'gen'), '--cases', 'abc']],
  ['query a database that does not exist', () => ['indicators', '--json', '--db', join(dir, 'missing.duckdb')]],
  ['load a path that does not exist', () => ['load', join(dir, 'no-such-folder'), '--db', db]],
  ['load a corrupt XLSX', () => ['load', join(inputs('xlsx', { 'cases.xlsx': 'this is not a zip file' }), 'cases.xlsx'), '--db', db]],
  ['load a corrupt Parquet file', () => ['load', join(inputs('parquet', { 'events.parquet': 'PAR1 but not really' }), 'events.parquet'), '--db', db]],
  ['load a CSV of no known kind', () => ['load', join(inputs('unknown', { 'stuff.csv': 'foo,bar\n1,2\n' }), 'stuff.csv'), '--db', db]],
  // One unreadable file fails the whole load: the good file beside it must not be loaded either.
  ['load a folder with a good file and a corrupt one', () => ['load', inputs('mixed', { 'events-new.csv': NEW_EVENTS, 'cases.xlsx': Buffer.from([0x50, 0x4b, 3, 4, 0, 0]) }), '--db', db]],
  ['load a good file and a missing one', () => ['load', join(inputs('good', { 'events-new.csv': NEW_EVENTS }), 'events-new.csv'), join(dir, 'missing.csv'), '--db', db]],
];

describe('CLI errors', () => {
  it.each(CASES)('%s: exits non-zero with one line and no stack trace, database unchanged', (_name, args) => {
    const r = rehandle(args());
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    expect(r.code).not.toBeNull(); // exited, not killed
    const message = r.stderr.trim();
    expect(message.split('\n'), message).toHaveLength(1);
    expect(message).not.toMatch(/^\s+at |node:internal|^\w*Error\b/m); // a cause quoted after our words is fine
    expect(message).toMatch(/[\u4e00-\u9fff]/); // user-facing messages are in Chinese
    expect(sha(readFileSync(db)), 'database file changed').toBe(fileHash);
    expect(readdirSync(dirname(db)).filter((f) => f.startsWith('warehouse.duckdb.')), 'leftover lock or copy').toEqual([]);
  });

  it('query results are unchanged after all the failures', () => {
    expect(queries()).toBe(queryHash);
  });

  it('the good file that failed with its neighbour loads on its own (the check above could fail)', () => {
    const copy = join(dir, 'copy.duckdb');
    copyFileSync(db, copy);
    const r = rehandle(['load', join(dir, 'good', 'events-new.csv'), '--db', copy]);
    expect(r.code, r.stderr).toBe(0);
    ok(['build', '--db', copy, '--as-of', '2025-04-15']);
    const before = ok(['indicators', '--json', '--db', db]);
    expect(ok(['indicators', '--json', '--db', copy])).not.toBe(before);
  });
});

describe('a load killed part-way', () => {
  // SPEC §3: a crash mid-load leaves the previous state intact. Kill `load` at several moments; each time the
  // live database must be byte-for-byte the previous one, and the next load (taking over the dead writer's
  // lock) must work.
  it('leaves the previous database intact and the next load works', async () => {
    const killedDb = join(dir, 'killed.duckdb');
    copyFileSync(db, killedDb);
    const before = sha(readFileSync(killedDb));
    let killed = 0;
    const paths = [join(HANDCALC, 'update'), join(HANDCALC, 'gb18030')]; // 2 + 4 files
    for (const delay of [700, 1100, 1500, 1900, 2300]) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), 'load', ...paths, '--db', killedDb], { cwd: ROOT, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const [code, signal] = await new Promise<[number | null, string | null]>((res) => child.on('exit', (c, s) => res([c, s])));
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        expect(code, `load finished before ${delay} ms`).toBe(0);
        break; // it completed: later delays would only load duplicates
      }
      if (sha(readFileSync(killedDb)) !== before) {
        // Killed in the instant between the swap and the exit: then the load must be complete.
        const again = ok(['load', ...paths, '--db', killedDb]);
        expect(again.match(/skipped_duplicate/g), `killed after ${delay} ms: half a load?`).toHaveLength(6);
        break;
      }
      killed++;
    }
    expect(killed, 'no load was killed part-way: make the delays shorter').toBeGreaterThan(0);
    const r = rehandle(['load', ...paths, '--db', killedDb]);
    expect(r.code, r.stderr).toBe(0);
    expect(sha(readFileSync(killedDb))).not.toBe(before);
  });
});
