import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { contentDisposition, exportFileName, toCsv, toXlsx } from '../../web/src/lib/server/export.ts';
import type { Column } from '../../web/src/lib/table.ts';

const columns: Column[] = [
  { key: 'unit_id', label: '单位编号' },
  { key: 'category', label: '签收类别', kind: 'code', code: 'category' },
  { key: 'rate', label: '准确签收率', kind: 'rate' },
  { key: 'note', label: '说明' },
];
const rows = [
  { unit_id: 'U1', category: 'one_time', rate: 0.5, note: '含,逗号 和 "引号"' },
  { unit_id: 'U2', category: null, rate: null, note: '第一行\n第二行' },
];

describe('exports', () => {
  it('CSV: BOM, Chinese header, labels for codes, quoting, empty for null', () => {
    expect(toCsv(columns, rows)).toBe(
      '\uFEFF单位编号,签收类别,准确签收率,说明\r\n' +
      'U1,一次性投诉,0.5,"含,逗号 和 ""引号"""\r\n' +
      'U2,,,"第一行\n第二行"\r\n',
    );
  });
  it('XLSX reads back with the same cells; rates are numbers formatted as percentages', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await toXlsx('单位指标', columns, rows)) as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('单位指标');
    expect(ws.getRow(1).values).toEqual([undefined, '单位编号', '签收类别', '准确签收率', '说明']);
    expect(ws.getRow(2).values).toEqual([undefined, 'U1', '一次性投诉', 0.5, '含,逗号 和 "引号"']);
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('A3').value).toBe('U2');
    expect(ws.getCell('C3').value).toBeNull();
  });
  it('file name in Asia/Shanghai time, whatever the machine zone', () => {
    // 2025-03-15T16:30:00Z = 2025-03-16 00:30 in Shanghai (UTC+8)
    expect(exportFileName('单位指标', 'csv', new Date('2025-03-15T16:30:00Z'))).toBe('单位指标-20250316-0030.csv');
    expect(contentDisposition('单位指标-20250316-0030.csv')).toBe(
      `attachment; filename="____-20250316-0030.csv"; filename*=UTF-8''${encodeURIComponent('单位指标-20250316-0030.csv')}`,
    );
  });
});
