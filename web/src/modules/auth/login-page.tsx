import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, LoginBody, SessionInfo } from '@yiwang/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { type Location, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, configureApi } from '../../lib/api';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { LanguageSwitch } from '../../lib/i18n/language-switch';
import { rememberSession, useSessionQuery } from './session';

type LoginForm = Required<LoginBody>;

interface LoginAlert {
  type: 'error' | 'warning' | 'info';
  title?: string;
  message: string;
}

const FIELDS = ['username', 'password', 'totpCode'] as const;

/** Where to go after signing in: the page that sent the user here, else the desk's start page. */
function returnPath(location: Location): string {
  const from = (location.state as { from?: Location } | null)?.from;
  return from && from.pathname !== '/login' ? `${from.pathname}${from.search}` : '/';
}

export default function LoginPage() {
  const { t, setLocale } = useI18n();
  const [form] = Form.useForm<LoginForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSessionQuery();
  const [totpShown, setTotpShown] = useState(false);
  const [alert, setAlert] = useState<LoginAlert | null>(null);
  /** The language picked on this page, if any: it becomes the account's preference on sign-in. */
  const chosenLocale = useRef<Locale | null>(null);

  const login = useMutation({
    mutationFn: async (values: LoginForm): Promise<SessionInfo> => {
      const body: LoginBody = { username: values.username.trim(), password: values.password };
      if (totpShown && values.totpCode) body.totpCode = values.totpCode.trim();
      const signedIn = await api.post<SessionInfo>('/auth/login', body, { expectUnauthenticated: true });
      configureApi({ csrfToken: signedIn.csrfToken });
      const chosen = chosenLocale.current;
      if (chosen && chosen !== signedIn.user.locale) {
        return api.put<SessionInfo>('/auth/preferences', { locale: chosen });
      }
      return signedIn;
    },
    onSuccess: (signedIn) => {
      setLocale(signedIn.user.locale);
      rememberSession(queryClient, signedIn);
      void navigate(returnPath(location), { replace: true });
    },
    onError: (error) => {
      const message = showApiErrorOnForm(form, error, FIELDS);
      const code = error instanceof ApiError ? error.code : 'unknown';
      switch (code) {
        case 'totp-required':
          setTotpShown(true);
          setAlert({ type: 'info', message });
          break;
        case 'invalid-totp':
          form.setFields([{ name: 'totpCode', value: '', errors: [message] }]);
          setAlert(null);
          break;
        case 'account-locked':
          setAlert({ type: 'warning', title: t('login.lockedTitle'), message });
          break;
        case 'rate-limited':
          setAlert({ type: 'warning', title: t('login.rateLimitedTitle'), message });
          break;
        case 'account-disabled':
          setAlert({ type: 'error', title: t('login.disabledTitle'), message });
          break;
        case 'invalid-credentials':
          form.setFieldValue('password', '');
          setAlert({ type: 'error', message });
          break;
        default:
          setAlert({ type: 'error', message });
      }
    },
  });

  if (session.data) return <Navigate to={returnPath(location)} replace />;

  return (
    <div className="yw-login">
      <div className="yw-login-language">
        <LanguageSwitch
          onChange={(locale) => {
            chosenLocale.current = locale;
            setLocale(locale);
          }}
        />
      </div>
      <Card className="yw-login-card">
        <div className="yw-login-brand">
          <div className="yw-brand-mark" aria-hidden>
            一网
          </div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {alert && (
          <Alert
            className="yw-login-alert"
            type={alert.type}
            showIcon
            title={alert.title ?? alert.message}
            description={alert.title ? alert.message : undefined}
          />
        )}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) => {
            setAlert(null);
            login.mutate(values);
          }}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {totpShown && (
            <Form.Item
              name="totpCode"
              label={t('login.totpCode')}
              extra={t('login.totpHelp')}
              rules={[{ required: true, pattern: /^[0-9]{6}$/, message: t('totp.codeFormat') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" className="yw-login-footer">
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}
