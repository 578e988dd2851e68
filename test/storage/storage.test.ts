// The write-by-swap protocol of pipeline/db.ts and the swap-following reader of query/core.ts.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { all, withWriteDb, openReadOnly } from '../../pipeline/db.ts';
import { createReader } from '../../pipeline/query/core.ts';
import { UserError } from '../../pipeline/errors.ts';

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'rehandle-storage-')), 'w.duckdb');
}

async function count(path: string): Promise<number> {
  const db = await openReadOnly(path);
  try {
    return (await all<{ n: number }>(db.conn, 'select count(*) as n from t'))[0].n;
  } finally {
    db.close();
  }
}

describe('withWriteDb', () => {
  it('creates the database and swaps each successful write in', async () => {
    const path = tempDb();
    await withWriteDb(path, async ({ conn }) => {
      await conn.run('create table t as select range as i from range(3)');
    });
    expect(await count(path)).toBe(3);
    await withWriteDb(path, async ({ conn }) => {
      await conn.run('insert into t select 10');
    });
    expect(await count(path)).toBe(4);
    // Nothing but the live file is left behind.
    expect(readdirSync(join(path, '..')).sort()).toEqual(['w.duckdb']);
  });

  it('leaves the live file untouched when the work throws', async () => {
    const path = tempDb();
    await withWriteDb(path, async ({ conn }) => conn.run('create table t as select 1 as i').then(() => undefined));
    await expect(
      withWriteDb(path, async ({ conn }) => {
        await conn.run('insert into t select 2');
        throw new UserError('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(await count(path)).toBe(1);
    expect(readdirSync(join(path, '..')).sort()).toEqual(['w.duckdb']);
  });

  it('refuses a second writer while the first is alive, and takes over a dead one\'s lock', async () => {
    const path = tempDb();
    await withWriteDb(path, async ({ conn }) => conn.run('create table t as select 1 as i').then(() => undefined));
    // A live process (this one's parent) holds the lock.
    writeFileSync(`${path}.lock`, String(process.ppid));
    await expect(withWriteDb(path, async () => undefined)).rejects.toThrow(/another load or build/);
    // A lock left by a process that no longer exists is stale.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(`${path}.lock`, String(dead.pid));
    await withWriteDb(path, async ({ conn }) => conn.run('insert into t select 2').then(() => undefined));
    expect(await count(path)).toBe(2);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('is not blocked by an open reader, and the reader follows the swap', async () => {
    const path = tempDb();
    await withWriteDb(path, async ({ conn }) => conn.run('create table t as select 1 as i').then(() => undefined));
    const reader = createReader(path);
    try {
      expect(await reader.rows('select count(*)::int as n from t')).toEqual([{ n: 1 }]);
      await withWriteDb(path, async ({ conn }) => conn.run('insert into t select 2').then(() => undefined));
      expect(await reader.rows('select count(*)::int as n from t')).toEqual([{ n: 2 }]);
    } finally {
      reader.close();
    }
  });

  it('reports a missing database as a user error', async () => {
    await expect(openReadOnly(join(tmpdir(), 'no-such-dir-rehandle', 'x.duckdb'))).rejects.toBeInstanceOf(UserError);
  });
});
