// `rehandle load`: read files of any supported format into the raw tables, as one write-by-swap
// transaction (pipeline/db.ts). Design notes: pipeline/load/README.md.
import { basename } from 'node:path';
import { all, ensureSchema, exec, withWriteDb } from '../db.ts';
import { UserError } from '../errors.ts';
import { TIMESTAMP_MACROS_SQL, nowLocal } from '../time.ts';
import { expandPaths, inspect, type Format } from './files.ts';
import { CLEAN_MACRO_SQL, columnExpressions, providedColumns, readMapping, type Mapping } from './mapping.ts';
import { readSource, type Source } from './read.ts';
import { collectLoadDispatches, loadRows } from './validate.ts';
import { KIND_ORDER, kindFromColumns, kindFromName, type Kind } from './vocab.ts';

export interface LoadedFile {
  file: string;
  kind: string;
  format: string;
  encoding: string | null;
  status: 'loaded' | 'skipped_duplicate';
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  /** Rows neither loaded nor rejected: exact repeats of stored events/audits, or earlier rows of a key repeated later in the file. */
  rows_skipped: number;
}

export interface LoadReport {
  files: LoadedFile[];
}

interface Pending {
  file: string;
  format: Format;
  encoding: string | null;
  sha256: string;
  kind: Kind;
  source: Source;
  /** canonical column → SQL giving its trimmed text */
  exprs: Map<string, string>;
  startedAt: string;
}

export async function loadPaths(dbPath: string, paths: string[], opts: { map?: string; force?: boolean }): Promise<LoadReport> {
  const inputs = expandPaths(paths);
  const mapping = readMapping(opts.map);
  return withWriteDb(dbPath, async ({ conn }) => {
    await ensureSchema(conn);
    await exec(conn, TIMESTAMP_MACROS_SQL + CLEAN_MACRO_SQL);
    const batchId = (await all<{ n: number }>(conn, 'select coalesce(max(batch_id), 0) + 1 as n from loads'))[0].n;
    let nextLoadId = (await all<{ n: number }>(conn, 'select coalesce(max(load_id), 0) + 1 as n from loads'))[0].n;
    const record = async (f: Omit<LoadedFile, 'rows_skipped'> & { sha256: string; startedAt: string }) => {
      await exec(conn, 'insert into loads values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)', [
        nextLoadId++, batchId, f.file, f.sha256, f.kind, f.format, f.encoding, f.startedAt, nowLocal(), f.rows_read, f.rows_loaded, f.rows_rejected, f.status,
      ]);
    };

    // Read and map every new file first (an unreadable one fails the load before anything is written),
    // then write them kind by kind, so events are checked against the cases of the same load.
    const results: LoadedFile[] = [];
    const pending: Pending[] = [];
    const seen = new Set<string>();
    for (const [i, { file, format }] of inputs.entries()) {
      const startedAt = nowLocal();
      const { sha256, utf8, lines } = await inspect(file, format === 'csv');
      const encoding = format === 'csv' ? (utf8 ? 'utf-8' : 'gb18030') : null;
      const earlier = await all<{ kind: string }>(conn, "select kind from loads where sha256 = $1 and status = 'loaded' limit 1", [sha256]);
      if (!opts.force && (earlier.length || seen.has(sha256))) {
        const kind = earlier[0]?.kind ?? pending.find((p) => p.sha256 === sha256)!.kind;
        const skipped = { file, kind, format, encoding, status: 'skipped_duplicate' as const, rows_read: 0, rows_loaded: 0, rows_rejected: 0, rows_skipped: 0 };
        await record({ ...skipped, sha256, startedAt });
        results.push(skipped);
        continue;
      }
      seen.add(sha256);
      const source = await readSource(conn, file, format, encoding, lines, `src_${i}`);
      const kind = kindOf(file, source, mapping);
      pending.push({ file, format, encoding, sha256, kind, source, exprs: columnExpressions(kind, source.headers, mapping, file), startedAt });
    }

    pending.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)); // stable: given order within a kind
    await collectLoadDispatches(conn, pending.filter((p) => p.kind === 'events'));
    for (const p of pending) {
      const counts = await loadRows(conn, p.kind, p.source, p.exprs, { loadId: nextLoadId, file: p.file });
      const loaded: LoadedFile = {
        file: p.file, kind: p.kind, format: p.format, encoding: p.encoding, status: 'loaded', rows_read: p.source.rowsRead, ...counts,
        rows_skipped: p.source.rowsRead - counts.rows_loaded - counts.rows_rejected,
      };
      await record({ ...loaded, sha256: p.sha256, startedAt: p.startedAt });
      results.push(loaded);
    }
    return { files: results };
  });
}

function kindOf(file: string, source: Source, mapping: Mapping): Kind {
  const kind = mapping.kind ?? kindFromName(basename(file)) ?? kindFromColumns(providedColumns(source.headers, mapping));
  if (!kind) {
    throw new UserError(`无法判断文件类型：文件名不以 cases/events/audits/units 开头，表头也不匹配 / cannot tell what ${file} holds (headers: ${source.headers.slice(0, 8).join(', ')}); name it cases*/events*/audits*/units* or use --map`);
  }
  return kind;
}
