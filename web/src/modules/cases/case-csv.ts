import type { CaseSummary } from '@yiwang/contracts';
import { formatDateTime } from '../../lib/format';

const cell = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * CSV with a UTF-8 byte-order mark so that Excel opens the Chinese text correctly (the
 * desk has no xlsx writer in the browser bundle, and the server has no case export route).
 */
export function downloadCasesCsv(
  filename: string,
  header: string[],
  cases: CaseSummary[],
  row: (c: CaseSummary) => (string | number | null)[],
): void {
  const lines = [header, ...cases.map(row)].map((cells) => cells.map(cell).join(','));
  const blob = new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const csvDate = formatDateTime;
