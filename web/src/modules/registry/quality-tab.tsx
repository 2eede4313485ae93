import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GridQuality, QualityMissing, RegistryQuality, VisitReviewList } from '@yiwang/contracts';
import { VISIT_CHANGE_KIND_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Button, Drawer, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { useRegistryI18n } from './registry-messages';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/**
 * Data quality per community → base grid: collection rates against the grid map, accuracy of the
 * window's visits, and what is missing (a grid's list in a drawer). Also the workbench's panel.
 */
export function QualityTab({ compact = false }: { compact?: boolean }) {
  const { t } = useRegistryI18n();
  const quality = useQuery({
    queryKey: ['registry', 'quality'],
    queryFn: () => api.get<RegistryQuality>('/registry/quality'),
  });
  const [grid, setGrid] = useState<GridQuality | null>(null);
  const columns = [
    { title: t('r.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('q.households'),
      key: 'h',
      render: (_: unknown, r: GridQuality) =>
        `${r.households}/${r.expectedHouseholds} · ${percent(r.householdCollectionRate)}`,
    },
    {
      title: t('q.people'),
      key: 'p',
      render: (_: unknown, r: GridQuality) => `${r.people}/${r.expectedPeople} · ${percent(r.peopleCollectionRate)}`,
    },
    {
      title: t('q.accuracy'),
      key: 'a',
      render: (_: unknown, r: GridQuality) => `${percent(r.accuracy)} (${r.confirmed}/${r.visited})`,
    },
    ...(compact
      ? []
      : [
          { title: t('q.noHousehold'), dataIndex: 'dwellingsWithoutHousehold', key: 'd' },
          { title: t('q.neverVisited'), dataIndex: 'householdsNeverVisited', key: 'n' },
          { title: t('q.noId'), dataIndex: 'peopleWithoutIdNumber', key: 'i' },
        ]),
  ];
  if (quality.error) return <Alert type="error" message={errorText(quality.error)} />;
  return (
    <div data-testid="registry-quality">
      <Table<GridQuality>
        size="small"
        loading={quality.isLoading}
        rowKey="code"
        pagination={false}
        columns={columns}
        dataSource={(quality.data?.communities ?? []).map((c) => ({ ...c.community, children: c.grids }))}
        onRow={(row) => ({
          onClick: () => {
            if (!quality.data?.communities.some((c) => c.community.code === row.code)) setGrid(row);
          },
        })}
      />
      <p>{t('q.window', { days: quality.data?.windowDays ?? 0 })}</p>
      <Drawer open={grid !== null} onClose={() => setGrid(null)} title={grid?.name} width={560}>
        {grid && <MissingList code={grid.code} />}
      </Drawer>
    </div>
  );
}

function MissingList({ code }: { code: string }) {
  const { t } = useRegistryI18n();
  const missing = useQuery({
    queryKey: ['registry', 'quality', code],
    queryFn: () => api.get<QualityMissing>(`/registry/quality/${code}/missing`),
  });
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.kind}${r.recordId}`}
      loading={missing.isLoading}
      dataSource={missing.data?.items ?? []}
      columns={[
        {
          title: t('r.kind'),
          dataIndex: 'kind',
          key: 'kind',
          render: (k: string) => <Tag>{t(`q.missing.${k}` as 'q.missing.person-without-id')}</Tag>,
        },
        { title: t('r.name'), dataIndex: 'label', key: 'label' },
        { title: t('r.where'), dataIndex: 'address', key: 'address' },
      ]}
    />
  );
}

/** The community desk's review list: visit changes a rule holds (a new head, an ID number), approved or rejected. */
export function VisitReviewsTab() {
  const { t, locale } = useRegistryI18n();
  const client = useQueryClient();
  const reviews = useQuery({
    queryKey: ['registry', 'visit-reviews'],
    queryFn: () => api.get<VisitReviewList>('/registry/visit-reviews'),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'approved' | 'rejected' }) =>
      api.post(`/registry/visit-reviews/${v.id}/decide`, { decision: v.decision }),
    onSettled: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {decide.error && <Alert type="error" message={errorText(decide.error)} />}
      <Table
        size="small"
        rowKey="id"
        loading={reviews.isLoading}
        dataSource={reviews.data?.items ?? []}
        columns={[
          { title: t('r.where'), dataIndex: 'address', key: 'address' },
          {
            title: t('r.kind'),
            dataIndex: 'kind',
            key: 'kind',
            render: (k: keyof typeof VISIT_CHANGE_KIND_LABELS) => VISIT_CHANGE_KIND_LABELS[k][locale],
          },
          { title: t('q.change'), dataIndex: 'summary', key: 'summary' },
          {
            title: '',
            key: 'act',
            render: (_: unknown, r: { id: string }) => (
              <Space>
                <Button size="small" type="primary" onClick={() => decide.mutate({ id: r.id, decision: 'approved' })}>
                  {t('q.approve')}
                </Button>
                <Button size="small" onClick={() => decide.mutate({ id: r.id, decision: 'rejected' })}>
                  {t('q.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
