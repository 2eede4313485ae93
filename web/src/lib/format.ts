import dayjs from 'dayjs';

/** Date and time as operators read them on the desk: 2026-03-08 14:05. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

export const formatDateTimeSeconds = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
