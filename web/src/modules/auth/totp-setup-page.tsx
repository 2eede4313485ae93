import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo, TotpSetupResponse } from '@yiwang/contracts';
import { Alert, App, Button, Card, Form, Input, QRCode, Result, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { errorText, showApiErrorOnForm } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { rememberSession, useSignedIn } from './session';

/** Second factor (TOTP): generate a secret, add it to an authenticator app, confirm with a code. */
export default function TotpSetupPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const [formError, setFormError] = useState<string | null>(null);

  const setup = useMutation({ mutationFn: () => api.post<TotpSetupResponse>('/auth/totp/setup') });
  const enable = useMutation({
    mutationFn: (code: string) => api.post<SessionInfo>('/auth/totp/enable', { code }),
    onSuccess: (updated) => {
      rememberSession(queryClient, updated);
      void message.success(t('totp.enabled'));
      void navigate('/', { replace: true });
    },
    onError: (error) => setFormError(showApiErrorOnForm(form, error, ['code'])),
  });

  if (session.user.totpEnabled) {
    return (
      <Card title={t('totp.title')}>
        <Result status="success" title={t('totp.alreadyEnabled')} subTitle={t('totp.alreadyEnabledHelp')} />
      </Card>
    );
  }

  return (
    <Card title={t('totp.title')} className="yw-narrow-card">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {session.totpEnrollmentRequired && (
          <Alert type="warning" showIcon title={t('totp.requiredTitle')} description={t('totp.requiredHelp')} />
        )}
        <Steps
          orientation="vertical"
          current={setup.data ? 1 : 0}
          items={[{ title: t('totp.step1') }, { title: t('totp.step2') }]}
        />
        {!setup.data && (
          <>
            {setup.error && <Alert type="error" showIcon title={errorText(setup.error)} />}
            <Button type="primary" size="large" loading={setup.isPending} onClick={() => setup.mutate()}>
              {t('totp.generate')}
            </Button>
          </>
        )}
        {setup.data && (
          <>
            <div className="yw-totp-secret">
              <QRCode value={setup.data.otpauthUrl} size={184} bordered />
              <div>
                <Typography.Paragraph>{t('totp.scanHelp')}</Typography.Paragraph>
                <Typography.Text strong>{t('totp.secret')}</Typography.Text>
                <Typography.Paragraph copyable code className="yw-break-all" data-testid="totp-secret">
                  {setup.data.secret}
                </Typography.Paragraph>
                <Typography.Text strong>{t('totp.otpauthUrl')}</Typography.Text>
                <Typography.Paragraph copyable code className="yw-break-all">
                  {setup.data.otpauthUrl}
                </Typography.Paragraph>
              </div>
            </div>
            {formError && <Alert type="error" showIcon title={formError} />}
            <Form
              form={form}
              layout="inline"
              size="large"
              onFinish={({ code }) => {
                setFormError(null);
                enable.mutate(code.trim());
              }}
            >
              <Form.Item
                name="code"
                label={t('totp.code')}
                rules={[{ required: true, pattern: /^[0-9]{6}$/, message: t('totp.codeFormat') }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={enable.isPending}>
                  {t('totp.enable')}
                </Button>
              </Form.Item>
            </Form>
          </>
        )}
      </Space>
    </Card>
  );
}
