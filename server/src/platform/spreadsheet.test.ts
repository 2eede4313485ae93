import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetOf, writeWorkbook } from './spreadsheet.js';

describe('writeWorkbook', () => {
  it('prefixes text starting with = + - @ tab or CR with an apostrophe, and leaves numbers and other text alone', async () => {
    const texts = ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd', '普通文本', 'a=b'];
    const bytes = await writeWorkbook(
      [
        sheetOf({
          title: { 'zh-CN': '表', 'en-US': 'Sheet' },
          columns: [
            { header: { 'zh-CN': '文本', 'en-US': 'Text' }, width: 10, value: (r: { text: string }) => r.text },
            { header: { 'zh-CN': '数', 'en-US': 'Number' }, width: 10, type: 'number', value: () => -3 },
          ],
          rows: texts.map((text) => ({ text })),
        }),
      ],
      'zh-CN',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const read = texts.map((_, i) => [sheet.getCell(i + 2, 1).value, sheet.getCell(i + 2, 2).value]);
    expect(read).toEqual([
      ["'=1+1", -3],
      ["'+86 138", -3],
      ["'-2", -3],
      ["'@SUM(A1)", -3],
      ["'\t=cmd", -3],
      // XML keeps no bare CR: it reads back as a line feed, still behind the apostrophe.
      [expect.stringMatching(/^'\s=cmd$/), -3],
      ['普通文本', -3],
      ['a=b', -3],
    ]);
  });
});
