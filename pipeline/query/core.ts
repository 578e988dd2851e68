// The one query path. Every read of the marts — CLI, web pages, API, exports — goes through a
// Reader: bound parameters only, identifiers from allow-lists in the calling query module. This is
// where a role's row filter and masking rule will sit (see `Viewer`).
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, dbVersion, openReadOnly, type Db, type Params, type Row } from '../db.ts';

/** Who is asking. Today everyone is a supervisor; login with roles will fill this in. */
export interface Viewer {
  role: 'supervisor' | 'analyst' | 'auditor' | 'unit';
  unitId?: string;
}

export const SUPERVISOR: Viewer = { role: 'supervisor' };

export interface Reader {
  dbPath: string;
  /** Run a read query with bound parameters; reopens the database first if a writer swapped it. */
  rows<T = Row>(sql: string, params?: Params): Promise<T[]>;
  close(): void;
}

/** One opened version of the live file: its connections, each running one query at a time. */
interface Generation {
  db: Db;
  version: string | null;
  conns: Array<{ conn: DuckDBConnection; chain: Promise<unknown>; queued: number }>;
  inflight: number;
  retired: boolean;
}

function closeGeneration(g: Generation): void {
  for (const c of g.conns.slice(1)) c.conn.closeSync();
  g.db.close();
}

/**
 * A read-only handle on the live database that follows swaps made by writers
 * (pipeline/DESIGN.md). `connections` > 1 (the web server) lets queries of concurrent requests run
 * side by side; each connection still runs one query at a time. After a swap the new file is
 * opened for new queries and the old one closed once its last query has finished.
 */
export function createReader(dbPath: string, opts: { connections?: number } = {}): Reader {
  const size = Math.max(1, opts.connections ?? 1);
  let gen: Generation | null = null;
  let opening: Promise<Generation> | null = null;

  function retire(g: Generation): void {
    g.retired = true;
    if (g.inflight === 0) closeGeneration(g);
  }

  function current(): Promise<Generation> {
    const v = dbVersion(dbPath);
    if (gen && gen.version === v) return Promise.resolve(gen);
    opening ??= (async () => {
      if (gen) retire(gen);
      gen = null;
      const db = await openReadOnly(dbPath);
      const conns = [db.conn];
      for (let i = 1; i < size; i++) conns.push(await db.connect());
      gen = { db, version: v, conns: conns.map((conn) => ({ conn, chain: Promise.resolve(), queued: 0 })), inflight: 0, retired: false };
      return gen;
    })().finally(() => { opening = null; });
    return opening;
  }

  return {
    dbPath,
    async rows<T = Row>(sql: string, params?: Params): Promise<T[]> {
      const g = await current();
      const slot = g.conns.reduce((a, b) => (b.queued < a.queued ? b : a));
      slot.queued++;
      g.inflight++;
      const run = slot.chain.then(() => all<T>(slot.conn, sql, params));
      slot.chain = run.catch(() => undefined);
      try {
        return await run;
      } finally {
        slot.queued--;
        g.inflight--;
        if (g.retired && g.inflight === 0) closeGeneration(g);
      }
    },
    close() {
      if (gen) retire(gen);
      gen = null;
    },
  };
}
