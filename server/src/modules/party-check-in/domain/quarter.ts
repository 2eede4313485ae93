/**
 * Quarters of the service record (季度服务记录), in China days: "2026-Q4" is 2026-10-01 up to
 * (not including) 2027-01-01.
 */
export interface QuarterRange {
  quarter: string;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** The day after the last, YYYY-MM-DD. */
  to: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function quarterRange(quarter: string): QuarterRange | null {
  const match = QUARTER.exec(quarter);
  if (!match) return null;
  const year = Number(match[1]);
  const q = Number(match[2]);
  const pad = (n: number) => String(n).padStart(2, '0');
  const startMonth = (q - 1) * 3 + 1;
  const from = `${year}-${pad(startMonth)}-01`;
  const to = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(startMonth + 3)}-01`;
  return { quarter, from, to };
}

/** The quarter a China day falls in: "2026-11-15" → "2026-Q4". */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}
