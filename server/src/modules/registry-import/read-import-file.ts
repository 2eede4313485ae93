import ExcelJS from 'exceljs';
import { DomainError } from '../../platform/errors.js';
import { decodeCsv, parseCsv } from './domain/read-csv.js';

export interface ImportTable {
  headers: string[];
  rows: string[][];
}

/** The most rows one file may hold: a county's people come in several files, each checked in seconds. */
export const MAX_IMPORT_ROWS = 50_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A cell as the text a person typed: a date cell as YYYY-MM-DD, a number without exponent. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

/**
 * The first sheet of an .xlsx (by its bytes, whatever the name says) or a CSV: the first row's
 * headers and the rows below, blank rows dropped at the end. A file that is neither, or empty,
 * or too long is refused with what to do.
 */
export async function readImportFile(bytes: Buffer): Promise<ImportTable> {
  let grid: string[][];
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch {
      throw new DomainError('import-file-unreadable');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new DomainError('import-file-empty');
    grid = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const values = row.values as ExcelJS.CellValue[];
      grid[number - 1] = values.slice(1).map(cellText);
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  } else {
    if (bytes.includes(0)) throw new DomainError('import-file-unreadable');
    grid = parseCsv(decodeCsv(bytes));
  }
  const blank = (r: string[]) => r.every((c) => c.trim() === '');
  while (grid.length > 0 && blank(grid[grid.length - 1] ?? [])) grid.pop();
  const [headerRow, ...rows] = grid;
  if (!headerRow || rows.length === 0) throw new DomainError('import-file-empty');
  if (rows.length > MAX_IMPORT_ROWS)
    throw new DomainError('import-file-too-long', { rows: rows.length, max: MAX_IMPORT_ROWS });
  const headers = headerRow.map((h) => h.trim());
  return { headers, rows: rows.map((r) => headers.map((_, i) => (r[i] ?? '').trim())) };
}
