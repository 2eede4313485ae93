import { PlusOutlined } from '@ant-design/icons';
import type { Role, User } from '@yiwang/contracts';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { ROLES } from '../../lib/contracts';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { roleLabel } from '../../lib/labels';
import { hasPermission } from '../../lib/permissions';
import { RevealPhone } from '../../lib/reveal-phone';
import { useSignedIn } from '../auth';
import { CreateUserDialog } from './create-user-dialog';
import { EditUserDialog } from './edit-user-dialog';
import { useUsers } from './users-api';

const PAGE_SIZE = 20;

function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  if (user.disabled) return <Tag color="default">{t('users.statusDisabled')}</Tag>;
  if (user.lockedUntil) {
    return (
      <Tooltip title={t('users.lockedUntil', { until: formatDateTime(user.lockedUntil) })}>
        <Tag color="orange">{t('users.statusLocked')}</Tag>
      </Tooltip>
    );
  }
  return <Tag color="green">{t('users.statusActive')}</Tag>;
}

/** Accounts in the caller's scope: search, filter by role, create and edit. */
export default function UsersPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const canManage = hasPermission(session, 'users.manage');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState({ open: false, key: 0 });
  // A new key per opening gives a dialog a fresh form; the old one can still animate out.
  const [editing, setEditing] = useState<{ user: User | null; open: boolean; key: number }>({
    user: null,
    open: false,
    key: 0,
  });
  const users = useUsers({ q: q || undefined, role, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('nav.users')}</h1>
        <Space>
          <ExportButton path="/users/export.xlsx" query={{ q, role }} testId="users-export" />
          {canManage && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => setCreating((c) => ({ open: true, key: c.key + 1 }))}
            >
              {t('users.create')}
            </Button>
          )}
        </Space>
      </div>
      <Card className="yw-card">
        <Space wrap size="middle" className="yw-filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            style={{ width: 320 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
          <Select<Role>
            allowClear
            placeholder={t('users.roleFilter')}
            aria-label={t('users.roleFilter')}
            style={{ width: 220 }}
            value={role}
            onChange={(next) => {
              setRole(next);
              setPage(1);
            }}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          />
        </Space>
        {users.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(users.error)} />}
        <Table<User>
          rowKey="id"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 1460 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('table.total', { total }),
            onChange: setPage,
          }}
          columns={[
            { key: 'username', title: t('users.username'), dataIndex: 'username', width: 210 },
            { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName', width: 200 },
            // Residents only: they sign in with their phone, which the server keeps sealed;
            // an administrator sees it whole only for a stated, audited purpose.
            {
              key: 'phone',
              title: t('users.phoneMasked'),
              width: 130,
              render: (_, user) =>
                user.phoneMasked && (
                  <div data-testid="user-phone">
                    <div>{user.phoneMasked}</div>
                    {canManage && <RevealPhone path={`/users/${user.id}/reveal-phone`} />}
                  </div>
                ),
            },
            {
              key: 'roles',
              title: t('users.roles'),
              width: 200,
              render: (_, user) => (
                <Space size={[0, 4]} wrap>
                  {user.roles.map((r) => (
                    <Tag key={r}>{roleLabel(t, r)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'scope',
              title: t('users.scope'),
              width: 200,
              render: (_, user) => (
                <>
                  {user.scopeRegionName}
                  <div className="yw-subline">{user.scopeRegionCode}</div>
                </>
              ),
            },
            { key: 'unit', title: t('users.unit'), width: 240, render: (_, user) => user.unitName ?? '—' },
            { key: 'status', title: t('users.status'), width: 100, render: (_, user) => <UserStatus user={user} /> },
            {
              key: 'totp',
              title: t('users.totp'),
              width: 110,
              render: (_, user) => (user.totpEnabled ? <Tag color="blue">{t('users.totpOn')}</Tag> : '—'),
            },
            {
              key: 'createdAt',
              title: t('table.createdAt'),
              width: 170,
              render: (_, user) => formatDateTime(user.createdAt),
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('table.actions'),
                    width: 100,
                    fixed: 'right' as const,
                    render: (_: unknown, user: User) => (
                      <Button
                        type="link"
                        onClick={() => setEditing((e) => ({ user, open: true, key: e.key + 1 }))}
                        aria-label={t('users.editTitle', { username: user.username })}
                      >
                        {t('action.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canManage && (
        <CreateUserDialog
          key={creating.key}
          open={creating.open}
          onClose={() => setCreating((c) => ({ ...c, open: false }))}
        />
      )}
      {canManage && (
        <EditUserDialog
          key={editing.key}
          user={editing.user}
          open={editing.open}
          onClose={() => setEditing((e) => ({ ...e, open: false }))}
        />
      )}
    </>
  );
}
