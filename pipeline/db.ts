// The one place that opens DuckDB and converts its values for JavaScript.
// Storage design (see pipeline/DESIGN.md): writers never touch the live file. They copy it to a
// sibling file, write there, checkpoint, and atomically rename it over the live one. Readers
// (the web server, CLI queries) open the live file read-only and reopen when it changes. A crash
// or kill mid-write leaves the live file as it was; two writers are kept apart by a lock file.
import { DuckDBConnection, DuckDBInstance, DuckDBDateValue, DuckDBDecimalValue, DuckDBListValue, DuckDBStructValue, DuckDBTimestampValue, DuckDBTimestampTZValue, DuckDBTimeValue } from '@duckdb/node-api';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, writeSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from './errors.ts';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown> | unknown[];

export const DEFAULT_DB = 'data/warehouse.duckdb';

/** A connection plus the instance that owns it; close() releases both. */
export interface Db {
  conn: DuckDBConnection;
  /** Opens further connections on the same database (the web reader's pool). */
  connect(): Promise<DuckDBConnection>;
  path: string;
  close(): void;
}

async function open(path: string, options: Record<string, string>): Promise<Db> {
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  // Months and days are cut in Asia/Shanghai; timestamps are stored zoneless in local time.
  await conn.run("set timezone = 'Asia/Shanghai'");
  return {
    conn,
    async connect() {
      const c = await instance.connect();
      await c.run("set timezone = 'Asia/Shanghai'");
      return c;
    },
    path,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export function openMemory(): Promise<Db> {
  return open(':memory:', {});
}

/** Open the live database for reading. Fails with a user-facing message when it does not exist. */
export async function openReadOnly(path: string): Promise<Db> {
  if (!existsSync(path)) throw new UserError(`数据库不存在 / database not found: ${path} (run "rehandle load" first)`);
  return open(path, { access_mode: 'READ_ONLY' });
}

/** Identity of the live file: changes whenever a writer swaps a new version in. */
export function dbVersion(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}

/** Whether a process exists (a lock whose holder is gone is stale). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (holder && pidAlive(holder) && holder !== process.pid) {
        throw new UserError(`另一个写入进程 (pid ${holder}) 正在使用数据库 / another load or build (pid ${holder}) is writing ${lockPath.replace(/\.lock$/, '')}; wait for it to finish`);
      }
      rmSync(lockPath, { force: true }); // stale lock of a killed process
    }
  }
  throw new UserError(`cannot lock ${lockPath}`);
}

/**
 * Run `work` against a private copy of the database and swap the copy in only when it succeeds.
 * `work` may open its own transactions; whatever it throws leaves the live file untouched.
 */
export async function withWriteDb<T>(path: string, work: (db: Db) => Promise<T>): Promise<T> {
  const live = resolve(path);
  mkdirSync(dirname(live), { recursive: true });
  const release = acquireLock(`${live}.lock`);
  const next = `${live}.next-${process.pid}`;
  try {
    rmSync(next, { force: true });
    rmSync(`${next}.wal`, { force: true });
    if (existsSync(live)) copyFileSync(live, next);
    const db = await open(next, {});
    let result: T;
    try {
      result = await work(db);
      await db.conn.run('checkpoint');
    } finally {
      db.close();
    }
    renameSync(next, live);
    rmSync(`${live}.wal`, { force: true });
    return result;
  } catch (e) {
    rmSync(next, { force: true });
    rmSync(`${next}.wal`, { force: true });
    throw e;
  } finally {
    release();
  }
}

/** Convert one DuckDB value to plain JSON-able JavaScript. BigInt counts become numbers here, once. */
export function toJs(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBDecimalValue) return Number(v.toString());
  if (v instanceof DuckDBDateValue || v instanceof DuckDBTimestampValue || v instanceof DuckDBTimeValue) return v.toString();
  if (v instanceof DuckDBTimestampTZValue) throw new Error('TIMESTAMPTZ reached JavaScript: cast to local timestamp in SQL');
  if (v instanceof DuckDBListValue) return v.items.map(toJs);
  if (v instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, toJs(x)]));
  if (typeof v === 'object' && 'toString' in (v as object)) return String(v);
  return v;
}

/** Run a query with bound parameters and return plain rows. */
export async function all<T = Row>(conn: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = params ? await conn.runAndReadAll(sql, params as never) : await conn.runAndReadAll(sql);
  return reader.getRowObjects().map((r) => {
    const o: Row = {};
    for (const k of Object.keys(r)) o[k] = toJs(r[k]);
    return o as T;
  });
}

/** Run a statement (or several separated by semicolons) with no result. */
export async function exec(conn: DuckDBConnection, sql: string, params?: Params): Promise<void> {
  if (params) await conn.run(sql, params as never);
  else await conn.run(sql);
}

/** Apply the raw-table DDL (idempotent). */
export async function ensureSchema(conn: DuckDBConnection): Promise<void> {
  const ddl = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
  await conn.run(ddl);
}
