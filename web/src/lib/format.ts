/**
 * Dates and times on the desk are China's (UTC+8, no daylight saving), whatever the
 * browser's zone: what the portal, the worker app, the wall screen and the server's
 * statutory calendar use, so a case's time reads the same on every screen.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const inChina = (at: number): string => new Date(at + CHINA_OFFSET_MS).toISOString();

/** China's calendar day of a moment (default: now), YYYY-MM-DD. */
export const chinaDay = (at: number = Date.now()): string => inChina(at).slice(0, 10);

/** Today in China, YYYY-MM-DD: the default of every "day" field and filter on the desk. */
export const chinaToday = (): string => chinaDay();

const formatted = (iso: string | null | undefined, length: number): string => {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(at) ? '—' : inChina(at).slice(0, length).replace('T', ' ');
};

/** Date and time as operators read them on the desk: 2026-03-08 14:05 (China time). */
export const formatDateTime = (iso: string | null | undefined): string => formatted(iso, 16);

export const formatDateTimeSeconds = (iso: string | null | undefined): string => formatted(iso, 19);

/** The time of day alone, HH:mm (China time): for lists within one day. */
export const formatClock = (iso: string | null | undefined): string => formatted(iso, 16).slice(11) || '—';
