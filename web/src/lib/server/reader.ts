// The web process's one Reader on the live database (read-only, follows writers' swaps: core.ts).
// The database path comes from REHANDLE_DB, set by `rehandle serve --db FILE`.
import { createReader, type Reader } from '../../../../pipeline/query/core.ts';
import { DEFAULT_DB, dbVersion, type Params, type Row } from '../../../../pipeline/db.ts';
import { buildInfo, type BuildInfo } from '../../../../pipeline/query/overview.ts';

/** Results kept per database version: the file is immutable between swaps, so a hit is exact. */
const CACHE_ENTRIES = 500;
/** Larger results (exports) are not kept. */
const CACHE_MAX_ROWS = 5_000;

/**
 * A Reader that remembers recent results of the current database version (LRU). Every caller gets
 * its own copy of the rows, so query functions may still edit them (masking) in place.
 * REHANDLE_WEB_CACHE=0 turns it off (benchmarks of the uncached path).
 */
export function cachingReader(inner: Reader): Reader {
  let version: string | null = null;
  let cache = new Map<string, Promise<Row[]>>();
  return {
    dbPath: inner.dbPath,
    async rows<T = Row>(sql: string, params?: Params): Promise<T[]> {
      const v = dbVersion(inner.dbPath);
      if (v !== version) {
        version = v;
        cache = new Map(); // a swap: everything is new
      }
      const key = `${sql}\u0000${JSON.stringify(params ?? null)}`;
      let hit = cache.get(key);
      if (hit) {
        cache.delete(key); // most recently used goes last
      } else {
        const entries = cache;
        hit = inner.rows<Row>(sql, params);
        hit.then((rows) => { if (rows.length > CACHE_MAX_ROWS) entries.delete(key); }, () => entries.delete(key));
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      }
      cache.set(key, hit);
      return structuredClone(await hit) as T[];
    },
    close: () => inner.close(),
  };
}

let reader: Reader | null = null;

export function getReader(): Reader {
  // Two connections: the machine's cores; a slow page query no longer queues every other request.
  reader ??= (() => {
    const r = createReader(process.env.REHANDLE_DB || DEFAULT_DB, { connections: 2 });
    return process.env.REHANDLE_WEB_CACHE === '0' ? r : cachingReader(r);
  })();
  return reader;
}

let cached: { version: string | null; info: Promise<BuildInfo> } | null = null;

/** Build info (as-of date, months) of the live file; every page needs it, it changes only with a swap. */
export function currentBuildInfo(): Promise<BuildInfo> {
  const r = getReader();
  const version = dbVersion(r.dbPath);
  if (!cached || cached.version !== version) {
    const info = buildInfo(r);
    cached = { version, info };
    info.catch(() => { if (cached?.info === info) cached = null; });
  }
  return cached.info;
}
