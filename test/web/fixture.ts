// Builds the hand-made fixture warehouse (fixture.sql over the raw schema) in a temp folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSchema, exec, withWriteDb } from '../../pipeline/db.ts';

export async function makeFixtureDb(): Promise<string> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'rehandle-web-')), 'fixture.duckdb');
  await withWriteDb(dbPath, async (db) => {
    await ensureSchema(db.conn);
    await exec(db.conn, readFileSync(new URL('./fixture.sql', import.meta.url), 'utf8'));
    await exec(db.conn, `
      insert into raw_cases (case_id, caller_name, caller_phone, address) values ('C1', '张三', '13812341234', '中山路123号4栋502室');
      insert into raw_events (event_id, case_id, type, "at", unit_id, category, tier) values
        ('E1', 'C1', 'dispatch', '2025-03-02 09:00:00', 'U1', null, null),
        ('E2', 'C1', 'sign', '2025-03-03 10:00:00', 'U1', 'unresolved_reasonable', '2m'),
        ('E3', 'C1', 'contact', '2025-03-20 10:00:00', 'U1', null, null);
      insert into loads values (1, 1, 'cases.csv', 'abc123', 'cases', 'csv', 'utf-8', '2025-03-16 07:00:00', '2025-03-16 07:00:01', 5, 4, 1, 'loaded');
      insert into rejects values (1, 'cases.csv', 7, 'caller_phone', '13912345678', '无法解析 / bad value');`);
  });
  return dbPath;
}
