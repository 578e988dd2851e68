// The web server's pooled Reader: concurrent queries on several connections, and a writer's swap
// in the middle of them (old queries finish on the old file, new ones see the new file).
import { describe, expect, it } from 'vitest';
import { createReader } from '../../pipeline/query/core.ts';
import { exec, withWriteDb } from '../../pipeline/db.ts';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFixtureDb } from './fixture.ts';

describe('pooled reader', () => {
  it('runs concurrent queries and follows a swap', async () => {
    const db = await makeFixtureDb();
    const reader = createReader(db, { connections: 3 });
    try {
      const q = () => reader.rows<{ n: number }>("select count(*) as n from mart_units where unit_id like $p", { p: 'U%' });
      const before = await Promise.all(Array.from({ length: 20 }, q));
      expect(before.map((r) => r[0].n)).toEqual(Array(20).fill(3)); // U1, U2, U3
      const inFlight = Promise.all(Array.from({ length: 10 }, q));
      await withWriteDb(db, (w) => exec(w.conn, "insert into mart_units values ('U4', '新单位', 'street', '鼓楼区')"));
      const during = await inFlight;
      for (const r of during) expect([3, 4]).toContain(r[0].n);
      const after = await Promise.all(Array.from({ length: 10 }, q));
      expect(after.map((r) => r[0].n)).toEqual(Array(10).fill(4));
    } finally {
      reader.close();
      rmSync(dirname(db), { recursive: true, force: true });
    }
  });
});

describe('caching reader of the web server', () => {
  it('serves repeated queries from memory, as copies, until a swap', async () => {
    const { cachingReader } = await import('../../web/src/lib/server/reader.ts');
    const db = await makeFixtureDb();
    const reader = cachingReader(createReader(db));
    try {
      const q = () => reader.rows<{ unit_id: string; unit_name: string }>('select unit_id, unit_name from mart_units order by unit_id');
      const first = await q();
      first[0].unit_name = 'changed by a caller';
      const second = await q();
      expect(second[0].unit_name).toBe('宁海路街道'); // the caller's edit did not reach the cache
      await withWriteDb(db, (w) => exec(w.conn, "update mart_units set unit_name = '新名称' where unit_id = 'U1'"));
      expect((await q())[0].unit_name).toBe('新名称');
    } finally {
      reader.close();
      rmSync(dirname(db), { recursive: true, force: true });
    }
  });
});
