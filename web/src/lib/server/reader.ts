// The web process's one Reader on the live database (read-only, follows writers' swaps: core.ts).
// The database path comes from REHANDLE_DB, set by `rehandle serve --db FILE`.
import { createReader, type Reader } from '../../../../pipeline/query/core.ts';
import { DEFAULT_DB } from '../../../../pipeline/db.ts';

let reader: Reader | null = null;

export function getReader(): Reader {
  reader ??= createReader(process.env.REHANDLE_DB || DEFAULT_DB);
  return reader;
}
