// exceljs 4.4's streaming reader decodes every zip chunk on its own (lib/utils/parse-sax.js), so a
// character whose UTF-8 bytes are split across two chunks becomes U+FFFD (about 1% of the cells of
// a generated Chinese sheet). Its decoder passes strings through untouched, so this subclass hands
// it text decoded across chunk boundaries: shared strings and worksheets, the parts holding values.
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

type Internals = {
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown>;
};
const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: string, options: object) => ExcelJS.stream.xlsx.WorkbookReader & Internals;

export class Utf8WorkbookReader extends Base {
  _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8'); // a StringDecoder keeps split characters whole
    return super._parseSharedStrings(entry);
  }

  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(decodeUtf8(chunks), sheetNo);
  }
}
