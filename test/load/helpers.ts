// Shared helpers of the loader tests: temp folders, loading, and reading the result back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { all, openReadOnly, type Row } from '../../pipeline/db.ts';
import { loadPaths } from '../../pipeline/load/index.ts';

export const FIXTURES = new URL('../fixtures/load/', import.meta.url).pathname;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rehandle-load-'));
}

/** Write text files into a fresh temp folder; returns the folder. */
export function writeFiles(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

export async function query<T = Row>(dbPath: string, sql: string): Promise<T[]> {
  const db = await openReadOnly(dbPath);
  try {
    return await all<T>(db.conn, sql);
  } finally {
    db.close();
  }
}

/** Load into a new database in a temp folder; returns its path and the report. */
export async function loadFresh(paths: string[], opts: { map?: string; force?: boolean } = {}) {
  const db = join(tempDir(), 'w.duckdb');
  const report = await loadPaths(db, paths, opts);
  return { db, report };
}

/** Reject rows without load_id, for comparison. */
export async function rejects(dbPath: string) {
  return query<{ file: string; line: number; column: string | null; value: string | null; reason: string }>(
    dbPath, 'select file, line, "column", value, reason from rejects order by load_id, line, "column"');
}
