// Which files a load reads, in which format and encoding, and their content hash.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { UserError } from '../errors.ts';

export type Format = 'csv' | 'xlsx' | 'parquet' | 'jsonl';

// Not .json or .txt: a mapping file or a README beside the data must not be taken for data.
const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.xlsx': 'xlsx', '.parquet': 'parquet', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

export function formatOf(path: string): Format | null {
  return EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

/** Expand folders (their supported files, sorted by name; others ignored) and check every file exists. */
export function expandPaths(paths: string[]): Array<{ file: string; format: Format }> {
  if (paths.length === 0) throw new UserError('没有给出要导入的文件 / no files given to load');
  const out: Array<{ file: string; format: Format }> = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserError(`文件不存在 / file not found: ${p}`);
    }
    if (st.isDirectory()) {
      const names = readdirSync(p).filter((n) => !n.startsWith('.') && formatOf(n)).sort();
      if (names.length === 0) throw new UserError(`文件夹中没有可导入的文件 (csv/xlsx/parquet/jsonl) / no loadable files in folder: ${p}`);
      for (const n of names) out.push({ file: join(p, n), format: formatOf(n)! });
    } else {
      const format = formatOf(p);
      if (!format) throw new UserError(`不支持的文件格式，请用 .csv、.xlsx、.parquet 或 .jsonl / unsupported file format: ${p}`);
      out.push({ file: p, format });
    }
  }
  return out;
}

/**
 * One streaming pass over the bytes: the sha256 of the content and, for CSV, whether it is valid
 * UTF-8 (else it is taken as GB18030, which includes GBK) and its number of physical lines (byte
 * 0x0A is a line feed in both encodings). Chunks are checked up to the last complete character;
 * the incomplete tail is carried into the next chunk.
 */
export async function inspect(file: string, isCsv: boolean): Promise<{ sha256: string; utf8: boolean; lines: number }> {
  const hash = createHash('sha256');
  let utf8 = isCsv;
  let carry = Buffer.alloc(0);
  let breaks = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (!isCsv) continue;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) breaks++;
    last = chunk[chunk.length - 1];
    if (!utf8) continue;
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeCharsEnd(buf);
    if (!isUtf8(buf.subarray(0, cut))) utf8 = false;
    carry = Buffer.from(buf.subarray(cut));
  }
  if (utf8 && carry.length) utf8 = false; // file ends inside a multi-byte character
  return { sha256: hash.digest('hex'), utf8, lines: breaks + (last === 0x0a ? 0 : 1) };
}

/** Index after the last complete UTF-8 character (an unfinished trailing sequence is left out). */
function completeCharsEnd(buf: Buffer): number {
  for (let back = 1; back <= Math.min(4, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** Stream a GB18030 file into a UTF-8 copy (for DuckDB's read_csv, which reads UTF-8 only). */
export async function transcodeGb18030(file: string, out: string): Promise<void> {
  await pipeline(createReadStream(file), iconv.decodeStream('gb18030'), iconv.encodeStream('utf8'), createWriteStream(out));
}
