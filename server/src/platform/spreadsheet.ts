import type { Locale } from '@yiwang/contracts';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { DomainError } from './errors.js';

/**
 * List exports as Excel workbooks: a list adds only its column spec (header in both
 * languages, width, type, how to read a row); this file writes the sheet the same way
 * for every list — bold frozen header row, autofilter, widths, real dates and numbers.
 */

export type Localized = Readonly<Record<Locale, string>>;
export type CellValue = string | number | boolean | Date | null | undefined;

export interface ColumnSpec<Row> {
  header: Localized;
  /** In characters (a CJK character counts about two). */
  width: number;
  /**
   * 'datetime' / 'timestamp' (with seconds) / 'date': an Excel date shown in China time (UTC+8), so that filters and
   * sorting work on dates; 'integer' / 'number': an Excel number; 'text' (default) as is.
   */
  type?: 'text' | 'integer' | 'number' | 'datetime' | 'timestamp' | 'date';
  value(row: Row, locale: Locale): CellValue;
}

export interface SheetSpec<Row> {
  /** The sheet's tab name (Excel allows 31 characters). */
  title: Localized;
  columns: readonly ColumnSpec<Row>[];
  rows: readonly Row[];
}

/** China has no daylight saving time: wall-clock time is UTC+08:00 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const FORMATS = {
  datetime: 'yyyy-mm-dd hh:mm',
  timestamp: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
  integer: '0',
  number: '0.##',
} as const;
const MAX_CELL_TEXT = 32_767;
/**
 * Text a spreadsheet may take for a formula once a cell is edited or the sheet is saved as
 * CSV (formula injection: a resident's description "=HYPERLINK(…)"). Such text is written
 * with a leading apostrophe, as OWASP advises: shown, never evaluated.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Excel dates have no time zone: it shows the serial number as it is. ExcelJS writes a
 * Date as its UTC wall clock, so shifting by the offset makes the cell read as China time.
 */
const chinaWallClock = (date: Date) => new Date(date.getTime() + CHINA_OFFSET_MS);

function cellOf(value: CellValue, type: ColumnSpec<unknown>['type']): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date)
    return type === 'date' || type === 'datetime' || type === 'timestamp' ? chinaWallClock(value) : value.toISOString();
  if (typeof value === 'string') {
    const text = FORMULA_START.test(value) ? `'${value}` : value;
    return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  }
  return value;
}

/** A sheet ready to write: its rows already bound to their column spec, whatever their type. */
export interface Sheet {
  title: Localized;
  columns: readonly Omit<ColumnSpec<unknown>, 'value'>[];
  cells(locale: Locale): Iterable<CellValue[]>;
}

export function sheetOf<Row>(spec: SheetSpec<Row>): Sheet {
  return {
    title: spec.title,
    columns: spec.columns,
    *cells(locale) {
      for (const row of spec.rows) yield spec.columns.map((column) => column.value(row, locale));
    },
  };
}

/** Writes the sheets into one workbook; answers the .xlsx bytes. */
export async function writeWorkbook(sheets: readonly Sheet[], locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yiwang';
  workbook.created = new Date();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.title[locale].slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = spec.columns.map((column, index) => ({
      key: `c${index}`,
      header: column.header[locale],
      width: column.width,
      style: column.type && column.type !== 'text' ? { numFmt: FORMATS[column.type] } : {},
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle' };
    for (const values of spec.cells(locale)) {
      sheet.addRow(values.map((value, index) => cellOf(value, spec.columns[index]?.type)));
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The OpenAPI response of an export route. */
export const XLSX_RESPONSE = {
  200: {
    description: 'An Excel workbook (.xlsx)',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  },
};

/**
 * Sends the workbook as a download: an ASCII file name for old clients and the name in
 * the caller's language (filename*), both with today's date in China time.
 */
export function sendWorkbook(
  reply: FastifyReply,
  bytes: Buffer,
  name: { ascii: string; localized: Localized },
  locale: Locale,
  now: Date,
) {
  const day = chinaWallClock(now).toISOString().slice(0, 10);
  const localized = `${name.localized[locale]}-${day}.xlsx`;
  return reply
    .header('content-type', XLSX_TYPE)
    .header(
      'content-disposition',
      `attachment; filename="${name.ascii}-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(localized)}`,
    )
    .send(bytes);
}

/**
 * Exports are capped: a list longer than `maxRows` is refused with a message saying how
 * many rows matched and asking for a narrower filter (400), rather than a workbook too
 * big to open or an export of everything by accident.
 */
export function checkExportSize(total: number, maxRows: number): void {
  if (total > maxRows) throw new DomainError('export-too-large', { total, max: maxRows });
}
