import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '@yiwang/contracts';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { roleLabel } from '../../lib/labels';
import { CreateApiKeyDialog } from './create-api-key-dialog';

/** Keys of integrating systems: list, create (secret shown once), revoke. */
export default function ApiKeysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // A new key per opening gives the dialog a fresh form; the old one can still animate out.
  const [creating, setCreating] = useState({ open: false, key: 0 });
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: ({ signal }) => api.get<{ items: ApiKey[] }>('/api-keys', undefined, { signal }),
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api.delete(`/api-keys/${key.id}`),
    onSuccess: (_, key) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      void message.success(t('apiKeys.revoked', { name: key.name }));
    },
    onError: (error) => void message.error(errorText(error)),
  });

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('nav.apiKeys')}</h1>
        <Button
          type="primary"
          size="large"
          icon={<PlusOutlined />}
          onClick={() => setCreating((c) => ({ open: true, key: c.key + 1 }))}
        >
          {t('apiKeys.create')}
        </Button>
      </div>
      <Card className="yw-card">
        <Alert className="yw-form-alert" type="info" showIcon title={t('apiKeys.intro')} />
        {keys.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(keys.error)} />}
        <Table<ApiKey>
          rowKey="id"
          loading={keys.isFetching}
          dataSource={keys.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          columns={[
            { key: 'name', title: t('apiKeys.name'), dataIndex: 'name' },
            { key: 'prefix', title: t('apiKeys.prefix'), render: (_, key) => <code>{key.prefix}…</code> },
            {
              key: 'roles',
              title: t('apiKeys.roles'),
              render: (_, key) => (
                <Space size={[0, 4]} wrap>
                  {key.roles.map((r) => (
                    <Tag key={r}>{roleLabel(t, r)}</Tag>
                  ))}
                </Space>
              ),
            },
            { key: 'scope', title: t('apiKeys.scope'), dataIndex: 'scopeRegionCode' },
            { key: 'createdAt', title: t('table.createdAt'), render: (_, key) => formatDateTime(key.createdAt) },
            { key: 'lastUsedAt', title: t('apiKeys.lastUsedAt'), render: (_, key) => formatDateTime(key.lastUsedAt) },
            {
              key: 'status',
              title: t('apiKeys.status'),
              render: (_, key) =>
                key.revokedAt ? (
                  <Tag>{t('apiKeys.revokedAt', { at: formatDateTime(key.revokedAt) })}</Tag>
                ) : (
                  <Tag color="green">{t('apiKeys.active')}</Tag>
                ),
            },
            {
              key: 'actions',
              title: t('table.actions'),
              width: 100,
              render: (_, key) =>
                key.revokedAt ? null : (
                  <Popconfirm
                    title={t('apiKeys.revokeConfirm', { name: key.name })}
                    description={t('apiKeys.revokeHelp')}
                    okText={t('apiKeys.revoke')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('action.cancel')}
                    onConfirm={() => revoke.mutateAsync(key)}
                  >
                    <Button type="link" danger>
                      {t('apiKeys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <CreateApiKeyDialog
        key={creating.key}
        open={creating.open}
        onClose={() => setCreating((c) => ({ ...c, open: false }))}
      />
    </>
  );
}
