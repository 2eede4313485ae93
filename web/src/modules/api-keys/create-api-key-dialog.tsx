import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedApiKey, Role } from '@yiwang/contracts';
import { Alert, Button, Form, Input, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { useSignedIn } from '../auth';
import { RegionSelect } from '../regions';
import { RoleSelect } from '../users';

interface CreateApiKeyForm {
  name: string;
  roles: Role[];
  scopeRegionCode: string;
}

const FIELDS = ['name', 'roles', 'scopeRegionCode'] as const;

/**
 * A key for another system (12345 hotline, department systems). The secret is shown
 * here once and never again: the server keeps only its hash. New `key` per opening.
 */
export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, regionName } = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateApiKeyForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const scope = session.user.scope;

  const create = useMutation({
    mutationFn: (values: CreateApiKeyForm) =>
      api.post<CreatedApiKey>('/api-keys', { ...values, name: values.name.trim() }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
    onError: (error) => setFormError(showApiErrorOnForm(form, error, FIELDS)),
  });
  const created = create.data;

  return (
    <Modal
      open={open}
      title={created ? t('apiKeys.createdTitle') : t('apiKeys.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      // Closing by accident would lose the secret for good.
      mask={{ closable: !created }}
      keyboard={!created}
      footer={
        created
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                {t('apiKeys.secretSaved')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('action.cancel')}
              </Button>,
              <Button key="create" type="primary" loading={create.isPending} onClick={() => form.submit()}>
                {t('action.create')}
              </Button>,
            ]
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('apiKeys.createdFor', { name: created.apiKey.name })}
          subTitle={t('apiKeys.secretOnce')}
          extra={
            <Typography.Paragraph
              copyable={{ text: created.secret }}
              code
              className="yw-secret"
              data-testid="api-key-secret"
            >
              {created.secret}
            </Typography.Paragraph>
          }
        />
      ) : (
        <>
          {formError && <Alert className="yw-form-alert" type="error" showIcon title={formError} />}
          <Form<CreateApiKeyForm>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{ roles: [], scopeRegionCode: scope.regionCode }}
            onFinish={(values) => {
              setFormError(null);
              create.mutate(values);
            }}
          >
            <Form.Item
              name="name"
              label={t('apiKeys.name')}
              extra={t('apiKeys.nameHelp')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="roles"
              label={t('apiKeys.roles')}
              rules={[{ required: true, message: t('users.rolesRequired') }]}
            >
              <RoleSelect />
            </Form.Item>
            <Form.Item
              name="scopeRegionCode"
              label={t('apiKeys.scope')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <RegionSelect currentLabel={regionName({ name: scope.regionName, nameEn: scope.regionNameEn })} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
