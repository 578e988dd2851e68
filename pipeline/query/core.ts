// The one query path. Every read of the marts — CLI, web pages, API, exports — goes through a
// Reader: bound parameters only, identifiers from allow-lists in the calling query module. This is
// where a role's row filter and masking rule will sit (see `Viewer`).
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

/**
 * A read-only handle on the live database that follows swaps made by writers
 * (pipeline/DESIGN.md). Queries are serialised per reader so a reopen never races a query.
 */
export function createReader(dbPath: string): Reader {
  let db: Db | null = null;
  let version: string | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  async function current(): Promise<Db> {
    const v = dbVersion(dbPath);
    if (!db || v !== version) {
      db?.close();
      db = null;
      db = await openReadOnly(dbPath);
      version = v;
    }
    return db;
  }

  return {
    dbPath,
    rows<T = Row>(sql: string, params?: Params): Promise<T[]> {
      const run = chain.then(async () => all<T>((await current()).conn, sql, params));
      chain = run.catch(() => undefined);
      return run;
    },
    close() {
      db?.close();
      db = null;
    },
  };
}
