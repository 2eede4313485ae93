import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, UpdateUserBody, User } from '@yiwang/contracts';
import { Alert, App, Checkbox, Divider, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { RegionSelect } from '../regions';
import { UnitSelect } from '../units';
import { RoleSelect } from './role-select';

interface EditUserForm {
  displayName: string;
  roles: Role[];
  scopeRegionCode: string;
  unitId: string | null;
  disabled: boolean;
  unlock: boolean;
  password?: string;
}

const FIELDS = ['displayName', 'roles', 'scopeRegionCode', 'unitId', 'disabled', 'unlock', 'password'] as const;

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/** Only what changed is sent, so the audit log records exactly what the admin did. */
function changesOf(user: User, values: EditUserForm): UpdateUserBody {
  const changes: UpdateUserBody = {};
  if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName.trim();
  if (!sameRoles(values.roles, user.roles)) changes.roles = values.roles;
  if (values.scopeRegionCode !== user.scopeRegionCode) changes.scopeRegionCode = values.scopeRegionCode;
  if ((values.unitId ?? null) !== user.unitId) changes.unitId = values.unitId ?? null;
  if (values.disabled !== user.disabled) changes.disabled = values.disabled;
  if (values.unlock) changes.unlock = true;
  if (values.password) changes.password = values.password;
  return changes;
}

/** Roles, data scope, unit, disable/enable, unlock and password reset of one account. New `key` per opening. */
export function EditUserDialog({ user, open, onClose }: { user: User | null; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditUserForm>();
  const [formError, setFormError] = useState<string | null>(null);

  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateUserBody }) => api.patch<User>(`/users/${id}`, changes),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('users.updated', { username: saved.username }));
      onClose();
    },
    onError: (error) => setFormError(showApiErrorOnForm(form, error, FIELDS)),
  });

  return (
    <Modal
      open={open && user !== null}
      title={user ? t('users.editTitle', { username: user.username }) : ''}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {user && (
        <>
          {formError && <Alert className="yw-form-alert" type="error" showIcon title={formError} />}
          <Form<EditUserForm>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{
              displayName: user.displayName,
              roles: user.roles,
              scopeRegionCode: user.scopeRegionCode,
              unitId: user.unitId,
              disabled: user.disabled,
              unlock: false,
            }}
            onFinish={(values) => {
              setFormError(null);
              const changes = changesOf(user, values);
              if (Object.keys(changes).length === 0) {
                onClose();
                return;
              }
              update.mutate({ id: user.id, changes });
            }}
          >
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input autoComplete="off" />
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
              rules={[{ required: true, message: t('form.required') }]}
            >
              <RegionSelect currentLabel={user.scopeRegionName} />
            </Form.Item>
            <Form.Item name="unitId" label={t('users.unit')}>
              <UnitSelect currentLabel={user.unitName} />
            </Form.Item>
            <Divider titlePlacement="start">{t('users.accountStatus')}</Divider>
            <Form.Item
              name="disabled"
              label={t('users.disabled')}
              valuePropName="checked"
              extra={t('users.disabledHelp')}
            >
              <Switch />
            </Form.Item>
            {user.lockedUntil && (
              <Form.Item
                name="unlock"
                valuePropName="checked"
                extra={t('users.lockedUntil', { until: formatDateTime(user.lockedUntil) })}
              >
                <Checkbox>{t('users.unlock')}</Checkbox>
              </Form.Item>
            )}
            <Form.Item name="password" label={t('users.resetPassword')} extra={t('users.resetPasswordHelp')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
