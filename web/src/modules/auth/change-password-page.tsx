import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, SessionInfo } from '@yiwang/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { rememberSession, useLogout } from './session';

type PasswordForm = ChangePasswordBody & { confirm: string };
const FIELDS = ['currentPassword', 'newPassword'] as const;

/**
 * Shown instead of the desk while the account holds a one-time password (the first
 * administrator): the server refuses everything else until it is changed.
 */
export default function ChangePasswordPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<PasswordForm>();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const [formError, setFormError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      api.post<SessionInfo>('/auth/change-password', { currentPassword, newPassword }),
    onSuccess: (session) => rememberSession(queryClient, session),
    onError: (error) => setFormError(showApiErrorOnForm(form, error, FIELDS)),
  });

  return (
    <div className="yw-login">
      <Card className="yw-login-card" title={t('password.title')}>
        <Typography.Paragraph>{t('password.oneTimeHelp')}</Typography.Paragraph>
        {formError && <Alert className="yw-login-alert" type="error" showIcon title={formError} />}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          disabled={change.isPending}
          onFinish={(values) => {
            setFormError(null);
            change.mutate(values);
          }}
        >
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rules')}
            rules={[
              { required: true, min: 10, pattern: /^(?=.*[A-Za-z])(?=.*[0-9]).+$/, message: t('password.rules') },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.mismatch') },
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('password.submit')}
          </Button>
          <Button type="link" block onClick={() => logout.mutate()}>
            {t('action.logout')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
