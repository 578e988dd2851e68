// Writers of generated rows, one per output format. Rows arrive in batches and go straight to
// disk; nothing holds a whole data set. Parquet is made by DuckDB from a CSV written first.
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openMemory } from '../db.ts';
import { chineseCell, COLUMNS, duckType, KINDS, type Kind, type Row } from './columns.ts';

export type Format = 'csv' | 'gb18030' | 'xlsx' | 'parquet' | 'jsonl';

export interface Sink {
  write(kind: Kind, rows: Row[]): void;
  /** Finish every file; returns the paths written. */
  close(): Promise<string[]>;
}

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const FLUSH_BYTES = 4 << 20;

/** One text file written through a buffer. */
class TextFile {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(readonly path: string, private encode: (s: string) => Buffer) {
    this.fd = openSync(path, 'w');
  }
  add(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > FLUSH_BYTES) this.flush();
  }
  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.encode(this.buf.join('')));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const gb18030 = (s: string) => iconv.encode(s, 'gb18030');

/** CSV with canonical English headers and codes (UTF-8), or Chinese headers and labels (GB18030). */
function csvSink(dir: string, chinese: boolean): Sink {
  const files = new Map<Kind, TextFile>();
  for (const kind of KINDS) {
    const f = new TextFile(join(dir, `${kind}.csv`), chinese ? gb18030 : utf8);
    f.add(COLUMNS[kind].map((c) => (chinese ? c.zh : c.name)).join(',') + '\r\n');
    files.set(kind, f);
  }
  return {
    write(kind, rows) {
      const f = files.get(kind)!;
      const lines: string[] = [];
      for (const r of rows) {
        lines.push(r.map((v, i) => csvField(chinese ? chineseCell(kind, i, v) : v === null ? null : String(v))).join(','));
      }
      if (lines.length) f.add(lines.join('\r\n') + '\r\n');
    },
    async close() {
      for (const f of files.values()) f.close();
      return [...files.values()].map((f) => f.path);
    },
  };
}

function jsonlSink(dir: string): Sink {
  const files = new Map<Kind, TextFile>(KINDS.map((k) => [k, new TextFile(join(dir, `${k}.jsonl`), utf8)]));
  return {
    write(kind, rows) {
      const names = COLUMNS[kind].map((c) => c.name);
      const lines: string[] = [];
      for (const r of rows) {
        const o: Record<string, unknown> = {};
        r.forEach((v, i) => (o[names[i]] = v));
        lines.push(JSON.stringify(o));
      }
      if (lines.length) files.get(kind)!.add(lines.join('\n') + '\n');
    },
    async close() {
      for (const f of files.values()) f.close();
      return [...files.values()].map((f) => f.path);
    },
  };
}

const XLSX_MAX_ROWS = 1_000_000; // a sheet holds 1,048,576 rows: larger kinds continue in cases-2.xlsx ...
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1)); // workbook metadata: no clock in the output

interface Zip { append(src: unknown, data: object): unknown }

/**
 * exceljs stamps every zip entry with the current time, some of them inside its constructor.
 * Intercepting its `zip` field pins them to a fixed date, so one seed gives one byte stream.
 */
class PinnedDateWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  declare private pinnedZip: Zip; // declare: a field initialiser would run after super() and wipe it
  set zip(z: Zip) {
    const append = z.append.bind(z);
    z.append = (src, data) => append(src, { ...data, date: FIXED_DATE });
    this.pinnedZip = z;
  }
  get zip(): Zip {
    return this.pinnedZip!;
  }
}

/** XLSX with Chinese headers and labels, streamed (exceljs WorkbookWriter). */
function xlsxSink(dir: string): Sink {
  interface Book { wb: PinnedDateWorkbookWriter; ws: ExcelJS.Worksheet; rows: number; path: string }
  const books = new Map<Kind, Book>();
  const done: Promise<void>[] = [];
  const paths: string[] = [];
  const open = (kind: Kind, part: number): Book => {
    const path = join(dir, part === 1 ? `${kind}.xlsx` : `${kind}-${part}.xlsx`);
    const wb = new PinnedDateWorkbookWriter({ filename: path, useStyles: false, useSharedStrings: true });
    wb.created = wb.modified = FIXED_DATE;
    const ws = wb.addWorksheet(kind);
    ws.addRow(COLUMNS[kind].map((c) => c.zh)).commit();
    paths.push(path);
    return { wb, ws, rows: 0, path };
  };
  const parts = new Map<Kind, number>(KINDS.map((k) => [k, 1]));
  for (const k of KINDS) books.set(k, open(k, 1));
  return {
    write(kind, rows) {
      for (const r of rows) {
        let b = books.get(kind)!;
        if (b.rows >= XLSX_MAX_ROWS) {
          b.ws.commit();
          done.push(b.wb.commit());
          parts.set(kind, parts.get(kind)! + 1);
          b = open(kind, parts.get(kind)!);
          books.set(kind, b);
        }
        b.ws.addRow(r.map((v, i) => chineseCell(kind, i, v))).commit();
        b.rows++;
      }
    },
    async close() {
      for (const b of books.values()) {
        b.ws.commit();
        done.push(b.wb.commit());
      }
      await Promise.all(done);
      return paths;
    },
  };
}

/** Parquet with typed columns: DuckDB converts the canonical CSV written alongside. */
async function toParquet(csvDir: string, outDir: string, removeCsv: boolean): Promise<string[]> {
  const db = await openMemory();
  const out: string[] = [];
  try {
    for (const kind of KINDS) {
      const csv = join(csvDir, `${kind}.csv`);
      const path = join(outDir, `${kind}.parquet`);
      const cols = COLUMNS[kind].map((c, i) => `'${c.name}': '${duckType(kind, i)}'`).join(', ');
      await db.conn.run(`copy (select * from read_csv('${csv.replaceAll("'", "''")}', header = true, columns = {${cols}},
        timestampformat = '%Y-%m-%d %H:%M:%S', dateformat = '%Y-%m-%d', quote = '"', escape = '"'))
        to '${path.replaceAll("'", "''")}' (format parquet, compression zstd)`);
      out.push(path);
      if (removeCsv) rmSync(csv);
    }
  } finally {
    db.close();
  }
  return out;
}

/**
 * Sinks for the requested formats. One format writes into `out`; several write one folder each
 * (`out/csv`, `out/parquet` ...) so that loading one folder never loads the same rows twice.
 */
export function createSinks(out: string, formats: Format[]): Sink {
  const dirOf = (f: Format) => (formats.length === 1 ? out : join(out, f));
  for (const f of formats) mkdirSync(dirOf(f), { recursive: true });
  const sinks: Sink[] = [];
  if (formats.includes('csv')) sinks.push(csvSink(dirOf('csv'), false));
  // Parquet without CSV: the canonical CSV goes into the parquet folder and is removed afterwards.
  const parquetCsvDir = formats.includes('csv') ? dirOf('csv') : formats.includes('parquet') ? dirOf('parquet') : null;
  if (formats.includes('parquet') && !formats.includes('csv')) sinks.push(csvSink(dirOf('parquet'), false));
  if (formats.includes('gb18030')) sinks.push(csvSink(dirOf('gb18030'), true));
  if (formats.includes('jsonl')) sinks.push(jsonlSink(dirOf('jsonl')));
  if (formats.includes('xlsx')) sinks.push(xlsxSink(dirOf('xlsx')));
  return {
    write(kind, rows) {
      for (const s of sinks) s.write(kind, rows);
    },
    async close() {
      const paths: string[] = [];
      for (const s of sinks) paths.push(...(await s.close()));
      if (formats.includes('parquet') && parquetCsvDir) {
        const removeCsv = !formats.includes('csv');
        paths.push(...(await toParquet(parquetCsvDir, dirOf('parquet'), removeCsv)));
        if (removeCsv) return paths.filter((p) => !(p.startsWith(dirOf('parquet')) && p.endsWith('.csv')));
      }
      return paths;
    },
  };
}
