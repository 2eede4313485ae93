import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Absence, GridPost } from '@yiwang/contracts';
import { Alert, App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { roleLabel } from '../../lib/labels';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { AbsenceDialog } from './absence-dialog';
import { useAbsences, useCoveredPosts } from './staffing-api';
import { useStaffingI18n } from './staffing-messages';

type AbsenceState = 'current' | 'upcoming' | 'past';
const STATE_COLORS: Record<AbsenceState, string> = { current: 'orange', upcoming: 'blue', past: 'default' };

function stateOf(absence: Absence, now: number): AbsenceState {
  if (Date.parse(absence.endsAt) <= now) return 'past';
  return Date.parse(absence.startsAt) > now ? 'upcoming' : 'current';
}

const Person = ({ person }: { person: GridPost['holder'] }) => (
  <>
    {person.displayName}
    <div className="yw-subline">{person.username}</div>
  </>
);

/** Who covers what today: posts handed to a backup, and the absences behind them. */
export default function StaffingPage() {
  const { t, regionName } = useStaffingI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const canManage = hasPermission(session, 'staffing.manage');
  const queryClient = useQueryClient();
  const covered = useCoveredPosts();
  const absences = useAbsences();
  const [dialog, setDialog] = useState({ open: false, key: 0 });
  const now = Date.now();

  const cancel = useMutation({
    mutationFn: (absence: Absence) => api.delete(`/staffing/absences/${absence.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['staffing'] });
      void queryClient.invalidateQueries({ queryKey: ['grids', 'detail'] });
      void message.success(t('staffing.cancelled'));
    },
    onError: (error) => void message.error(errorText(error)),
  });

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('staffing.nav')}</h1>
        {canManage && (
          <Button
            type="primary"
            size="large"
            icon={<PlusOutlined />}
            onClick={() => setDialog((d) => ({ open: true, key: d.key + 1 }))}
          >
            {t('staffing.markAbsent')}
          </Button>
        )}
      </div>
      <Alert className="yw-form-alert" type="info" showIcon title={t('staffing.intro')} />
      <Card
        className="yw-card"
        title={t('staffing.covered', { count: covered.data?.total ?? 0 })}
        data-testid="staffing-covered"
      >
        {covered.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(covered.error)} />}
        <Table<GridPost>
          rowKey="id"
          loading={covered.isFetching}
          dataSource={covered.data?.items ?? []}
          locale={{ emptyText: t('staffing.coveredEmpty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              key: 'grid',
              title: t('staffing.grid'),
              render: (_, post) => (
                <>
                  <Link to={`/grids?grid=${post.gridCode}`}>
                    {regionName({ name: post.gridName, nameEn: post.gridNameEn })}
                  </Link>
                  <div className="yw-subline">{post.gridCode}</div>
                </>
              ),
            },
            { key: 'role', title: t('staffing.role'), width: 140, render: (_, post) => roleLabel(t, post.role) },
            { key: 'holder', title: t('staffing.holder'), render: (_, post) => <Person person={post.holder} /> },
            {
              key: 'backup',
              title: t('staffing.backup'),
              render: (_, post) =>
                post.current.by === 'nobody' ? (
                  <>
                    <Person person={post.backup} />
                    <Tag color="red">{t('staffing.nobody')}</Tag>
                  </>
                ) : (
                  <Person person={post.backup} />
                ),
            },
            {
              key: 'until',
              title: t('staffing.until'),
              width: 170,
              render: (_, post) => formatDateTime(post.current.absenceEndsAt),
            },
          ]}
        />
      </Card>
      <Card className="yw-card" title={t('staffing.absences')} data-testid="staffing-absences">
        {absences.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(absences.error)} />}
        <Table<Absence>
          rowKey="id"
          loading={absences.isFetching}
          dataSource={absences.data?.items ?? []}
          locale={{ emptyText: t('staffing.absencesEmpty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              key: 'person',
              title: t('staffing.person'),
              render: (_, a) => <Person person={{ id: a.userId, displayName: a.userName, username: a.username }} />,
            },
            {
              key: 'period',
              title: t('staffing.period'),
              width: 320,
              render: (_, a) => `${formatDateTime(a.startsAt)} – ${formatDateTime(a.endsAt)}`,
            },
            { key: 'reason', title: t('staffing.reason'), dataIndex: 'reason' },
            {
              key: 'state',
              title: t('staffing.state'),
              width: 110,
              render: (_, a) => {
                const state = stateOf(a, now);
                return <Tag color={STATE_COLORS[state]}>{t(`staffing.state.${state}`)}</Tag>;
              },
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('table.actions'),
                    width: 100,
                    render: (_: unknown, a: Absence) =>
                      stateOf(a, now) === 'past' ? null : (
                        <Popconfirm
                          title={t('staffing.cancelConfirm', { name: a.userName })}
                          okText={t('staffing.cancel')}
                          cancelText={t('action.cancel')}
                          onConfirm={() => cancel.mutateAsync(a)}
                        >
                          <Button type="link" danger>
                            {t('staffing.cancel')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canManage && (
        <AbsenceDialog key={dialog.key} open={dialog.open} onClose={() => setDialog((d) => ({ ...d, open: false }))} />
      )}
    </>
  );
}
