import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
// The ES-module locale files (antd/locale/* are CommonJS shims).
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { BrowserRouter } from 'react-router';
import { ApiError, configureApi } from '../lib/api';
import { I18nProvider, useI18n } from '../lib/i18n/i18n-provider';
import { forgetSession, SESSION_KEY } from '../modules/auth/session';
import { AppRoutes } from './routes';

/** Retry only what may succeed on a second try: network trouble and server errors, never a 4xx. */
const shouldRetry = (failures: number, error: unknown) =>
  failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

configureApi({
  // A 401 from any call means the session is over (idle timeout, logged out elsewhere).
  onUnauthenticated: () => forgetSession(queryClient),
  // The session now says so too; the guard then shows the TOTP setup page.
  onEnrollmentRequired: () => void queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
});

/**
 * A desk for long working days: larger type and controls than Ant Design's defaults, and
 * colours dark enough for WCAG 2.1 AA contrast (4.5:1) where Ant Design's defaults fall short:
 * links and info, danger buttons, secondary text, labels and placeholders.
 */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    colorInfo: '#1d4ed8',
    colorError: '#c41d1d',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    fontSize: 15,
    controlHeight: 36,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 64, headerPadding: '0 24px', siderBg: '#0f1f3d' },
    Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b1730', itemHeight: 48 },
    Table: { cellPaddingBlock: 12 },
  },
};

function LocalizedAntd() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en-US' ? enUS : zhCN} theme={theme}>
      <AntdApp>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  );
}

export function AppRoot() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalizedAntd />
      </I18nProvider>
    </QueryClientProvider>
  );
}
