import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, User } from '@yiwang/contracts';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { useSignedIn } from '../auth';
import { RegionSelect } from '../regions';
import { UnitSelect } from '../units';
import { RoleSelect } from './role-select';

const FIELDS = ['username', 'displayName', 'password', 'roles', 'scopeRegionCode', 'unitId', 'locale'] as const;

/**
 * New account. The password rules and the uniqueness of the username are checked by the
 * server; its field problems land on the matching fields. New `key` per opening.
 */
export function CreateUserDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, locale, regionName } = useI18n();
  const session = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateUserBody>();
  const [formError, setFormError] = useState<string | null>(null);
  const scope = session.user.scope;

  const create = useMutation({
    mutationFn: (values: CreateUserBody) =>
      api.post<User>('/users', {
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        unitId: values.unitId ?? null,
      }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('users.created', { username: user.username }));
      onClose();
    },
    onError: (error) => setFormError(showApiErrorOnForm(form, error, FIELDS)),
  });

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('action.create')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {formError && <Alert className="yw-form-alert" type="error" showIcon title={formError} />}
      <Form<CreateUserBody>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roles: [], scopeRegionCode: scope.regionCode, locale }}
        onFinish={(values) => {
          setFormError(null);
          create.mutate(values);
        }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={t('users.passwordHelp')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, message: t('users.rolesRequired') }]}
        >
          <RoleSelect />
        </Form.Item>
        <Form.Item
          name="scopeRegionCode"
          label={t('users.scope')}
          extra={t('users.scopeHelp')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <RegionSelect currentLabel={regionName({ name: scope.regionName, nameEn: scope.regionNameEn })} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en-US', label: 'English' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
