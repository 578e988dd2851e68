// The web process's one Reader on the live database (read-only, follows writers' swaps: core.ts).
// The database path comes from REHANDLE_DB, set by `rehandle serve --db FILE`.
import { createReader, type Reader } from '../../../../pipeline/query/core.ts';
import { DEFAULT_DB, dbVersion } from '../../../../pipeline/db.ts';
import { buildInfo, type BuildInfo } from '../../../../pipeline/query/overview.ts';

let reader: Reader | null = null;

export function getReader(): Reader {
  // Two connections: the machine's cores; a slow page query no longer queues every other request.
  reader ??= createReader(process.env.REHANDLE_DB || DEFAULT_DB, { connections: 2 });
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
