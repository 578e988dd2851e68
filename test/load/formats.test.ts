// The same three cases in every accepted format and encoding load to the same raw rows.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exec, openMemory } from '../../pipeline/db.ts';
import { FIXTURES, loadFresh, query, rejects, tempDir } from './helpers.ts';

// What tests/fixtures/load/basic/cases.csv means (worked out by hand from SPEC §3).
const EXPECTED = [
  ['C1', '2025-03-01 08:00:00', 'phone', '楼下违建\n请处理', false, '经核查，已处理。', '2025-03-02 09:30:00', 'unsatisfied', '2025-03-03 10:00:00'],
  ['C2', '2025-03-05 14:03:00', 'wechat', '咨询停车', true, '已转交相关部门', '2025-03-06 00:00:00', 'unsatisfied', null],
  ['C3', '2025-03-07 10:00:00', 'web', '噪音', false, '经查已解决', null, 'none', null],
];
const COLS = 'case_id, received_at, channel, content, out_of_scope_declared, first_reply, closed_at, satisfaction, evaluated_at';

async function loadedCases(file: string) {
  const { db, report } = await loadFresh([file]);
  expect(await rejects(db)).toEqual([]);
  const rows = await query<Record<string, unknown>>(db, `select ${COLS}, _line from raw_cases order by case_id`);
  return { report: report.files[0], values: rows.map(({ _line, ...r }) => Object.values(r)), lines: rows.map((r) => r._line) };
}

const CN_HEADER = '工单编号,受理时间,来源渠道,诉求人编号,诉求人,联系电话,所属区,街道,诉求地址,诉求类型,一级分类,二级分类,诉求内容,承办单位编号,是否申报非受理范围,首次答复意见,办结时间,评价结果,评价时间';
const CN_ROWS = [
  'C1,2025-03-01 08:00:00,电话,P1,张三,13800000001,玄武区,新街口街道,中山路1号,投诉举报,城乡建设,违法建设,"  楼下违建\n请处理\t",U1,否,经核查，已处理。,2025-03-02 09:30:00,不满意,2025-03-03 10:00:00',
  'C2,2025/3/5 14:03,微信,P2,李四,,玄武区,,,咨询,交通运输,占道经营,咨询停车,U2,是,已转交相关部门,2025-03-06,不满意,',
  'C3,2025-03-07T02:00:00Z,网站,P1,张三,13800000001,玄武区,新街口街道,中山路1号,求助,城乡建设,噪声扰民,噪音,U1,否,经查已解决,,未评价,',
];

describe('formats and encodings', () => {
  it('CSV in UTF-8 without BOM', async () => {
    const r = await loadedCases(join(FIXTURES, 'basic/cases.csv'));
    expect(r.report.encoding).toBe('utf-8');
    expect(r.values).toEqual(EXPECTED);
    expect(r.lines).toEqual([2, 4, 5]);
  });

  it('CSV in UTF-8 with BOM, CRLF line ends, padded headers', async () => {
    const dir = tempDir();
    const text = `\uFEFF case_id ,${COLS.split(', ').slice(1).join(',')}\r\n` +
      'C1,2025-03-01 08:00:00,phone,"  楼下违建\n请处理\t",false,经核查，已处理。,2025-03-02 09:30:00,unsatisfied,2025-03-03 10:00:00\r\n' +
      'C2,2025/3/5 14:03,微信,咨询停车,是,已转交相关部门,2025-03-06,不满意,\r\n' +
      'C3,2025-03-07 10:00,WEB,噪音,0,  经查已解决  ,,未评价,\r\n';
    writeFileSync(join(dir, 'cases-bom.csv'), text);
    const r = await loadedCases(join(dir, 'cases-bom.csv'));
    expect(r.report.encoding).toBe('utf-8');
    expect(r.values).toEqual(EXPECTED);
    expect(r.lines).toEqual([2, 4, 5]);
  });

  it('CSV in GB18030 with Chinese headers and Chinese value labels', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cases_gbk.csv'), iconv.encode([CN_HEADER, ...CN_ROWS].join('\r\n') + '\r\n', 'gb18030'));
    const r = await loadedCases(join(dir, 'cases_gbk.csv'));
    expect(r.report.encoding).toBe('gb18030');
    expect(r.values).toEqual(EXPECTED);
    expect(r.lines).toEqual([2, 4, 5]);
  });

  it('a GB18030 file whose header is ASCII and whose Chinese starts far into the file', async () => {
    const dir = tempDir();
    const filler = Array.from({ length: 3000 }, (_, i) => `F${i},2025-03-01 08:00:00,phone,filler,false,reply,,none,`);
    const text = [`case_id,${COLS.split(', ').slice(1).join(',')}`, ...filler, 'C9,2025-03-01 08:00:00,phone,中文内容,否,答复,,未评价,'].join('\n');
    writeFileSync(join(dir, 'cases.csv'), iconv.encode(text, 'gb18030'));
    const { db, report } = await loadFresh([join(dir, 'cases.csv')]);
    expect(report.files[0].encoding).toBe('gb18030');
    expect(await query(db, "select content, out_of_scope_declared, satisfaction, _line from raw_cases where case_id = 'C9'"))
      .toEqual([{ content: '中文内容', out_of_scope_declared: false, satisfaction: 'none', _line: 3002 }]);
  });

  it('XLSX: first sheet, Date cells, Excel serial numbers, rich text, formulas, empty rows skipped', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.getRow(1).values = COLS.split(', ');
    ws.getRow(2).values = ['C1', new Date(Date.UTC(2025, 2, 1, 8, 0, 0)), '电话', { richText: [{ text: '  楼下违建\n' }, { text: '请处理\t' }] }, '否', '经核查，已处理。', '2025-03-02 09:30:00', '不满意', 45719.41666666667];
    ws.getRow(3).values = ['', '', '   '];
    // 2025-03-05 14:03 = serial 45658 (2025-01-01) + 31 + 28 + 4 days + 843/1440.
    ws.getRow(4).values = ['C2', 45721.58541666667, 'wechat', '咨询停车', true, '已转交相关部门', new Date(Date.UTC(2025, 2, 6)), 'unsatisfied', null];
    ws.getRow(5).values = ['C3', '2025-03-07T10:00:00+08:00', 'web', '噪音', 0, { formula: '"经查"&"已解决"', result: '经查已解决' }, null, '未评价', null];
    wb.addWorksheet('other').getRow(1).values = ['ignored'];
    await wb.xlsx.writeFile(join(dir, 'cases.xlsx'));
    const r = await loadedCases(join(dir, 'cases.xlsx'));
    expect(r.report).toMatchObject({ format: 'xlsx', encoding: null, rows_read: 3 });
    expect(r.values).toEqual(EXPECTED);
    expect(r.lines).toEqual([2, 4, 5]); // sheet row numbers, the empty row 3 skipped
  });

  it('XLSX: long Chinese text survives the streaming reader (characters split across zip chunks)', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['case_id', 'content']);
    // 3,000 distinct strings of 3-byte characters: the shared-strings part spans many chunks,
    // and exceljs's own reader turns a character cut by a chunk boundary into U+FFFD.
    const text = (i: number) => `市民反映第${i}号：南京市玄武区新街口街道中山路附近夜间施工噪音扰民，请相关部门尽快核查处理。`;
    for (let i = 0; i < 3000; i++) ws.addRow([`X${i}`, text(i)]);
    await wb.xlsx.writeFile(join(dir, 'cases.xlsx'));
    const { db } = await loadFresh([join(dir, 'cases.xlsx')]);
    const rows = await query<{ case_id: string; content: string }>(db, 'select case_id, content from raw_cases');
    expect(rows).toHaveLength(3000);
    expect(rows.filter((r) => r.content !== text(Number(r.case_id.slice(1))))).toEqual([]);
  });

  it('Parquet with typed columns (TIMESTAMP, TIMESTAMPTZ, BOOLEAN, DATE)', async () => {
    const dir = tempDir();
    const file = join(dir, 'cases.parquet');
    const mem = await openMemory();
    try {
      await exec(mem.conn, `copy (select * from (values
        ('C1', timestamp '2025-03-01 08:00:00', 'phone', '  楼下违建' || chr(10) || '请处理' || chr(9), false, '经核查，已处理。', timestamp '2025-03-02 09:30:00', 'unsatisfied', timestamptz '2025-03-03 02:00:00+00'),
        ('C2', timestamp '2025-03-05 14:03:00', '微信', '咨询停车', true, '已转交相关部门', timestamp '2025-03-06 00:00:00', '不满意', null),
        ('C3', timestamp '2025-03-07 10:00:00', 'web', '噪音', false, '经查已解决', null, 'none', null)
      ) t(${COLS})) to '${file}' (format parquet)`);
    } finally {
      mem.close();
    }
    const r = await loadedCases(file);
    expect(r.report).toMatchObject({ format: 'parquet', encoding: null, rows_read: 3 });
    expect(r.values).toEqual(EXPECTED);
    expect(r.lines).toEqual([1, 2, 3]);
  });

  it('JSON Lines with strings, numbers (Excel serials) and booleans', async () => {
    const dir = tempDir();
    const rows = [
      { case_id: 'C1', received_at: '2025-03-01 08:00:00', channel: 'phone', content: '  楼下违建\n请处理\t', out_of_scope_declared: false, first_reply: '经核查，已处理。', closed_at: '2025-03-02 09:30:00', satisfaction: 'unsatisfied', evaluated_at: '2025-03-03T02:00:00Z' },
      { case_id: 'C2', received_at: 45721.58541666667, channel: '微信', content: '咨询停车', out_of_scope_declared: '是', first_reply: '已转交相关部门', closed_at: '2025-03-06', satisfaction: '不满意' },
      { case_id: 'C3', received_at: '2025-03-07 10:00:00', channel: 'web', content: '噪音', out_of_scope_declared: 0, first_reply: '经查已解决', closed_at: null, satisfaction: 'none' },
    ];
    writeFileSync(join(dir, 'cases.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await loadedCases(join(dir, 'cases.jsonl'));
    expect(r.report).toMatchObject({ format: 'jsonl', encoding: null, rows_read: 3 });
    expect(r.values).toEqual(EXPECTED);
    expect(r.lines).toEqual([1, 2, 3]);
  });
});
