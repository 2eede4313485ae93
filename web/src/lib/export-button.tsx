import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { ApiError, api } from './api';
import { errorText } from './form-errors';
import { useI18n } from './i18n/i18n-provider';

type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** `state=a&state=b` for arrays, as the list routes take them; empty values left out. */
function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The name the server gave the file (RFC 5987 `filename*` first). */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) return decodeURIComponent(star);
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

export interface ExportButtonProps {
  /** The export route under /api, e.g. `/cases/export.xlsx`. */
  path: string;
  /** The list's current filters: the server exports exactly what the list shows, without paging. */
  query: Record<string, QueryValue>;
  testId?: string;
  /** The button's words, when it downloads something other than the list (a template, the failed rows). */
  label?: string;
}

/**
 * 导出 Excel: downloads the server's workbook of the list with its current filters. Fetched
 * rather than linked, so the desk's language and the server's refusal (too many rows,
 * with advice to narrow the filter) reach the user.
 */
export function ExportButton({ path, query, testId, label }: ExportButtonProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const response = await fetch(`/api${path}${queryString(query)}`, {
        credentials: 'same-origin',
        headers: { 'Accept-Language': locale },
      });
      if (!response.ok) {
        // The JSON error body, read (and 401 handled) the way every API call does.
        const payload = (await response.json().catch(() => undefined)) as
          | { error?: { code: string; message: string } }
          | undefined;
        throw new ApiError(
          response.status,
          payload?.error?.code ?? 'http',
          payload?.error?.message ?? t('error.http', { status: response.status }),
        );
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response.headers.get('content-disposition'), 'export.xlsx');
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await api.get('/auth/session').catch(() => {});
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.error(errorText(error), 8);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={t('export.help')}>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={download} data-testid={testId}>
        {label ?? t('export.excel')}
      </Button>
    </Tooltip>
  );
}
