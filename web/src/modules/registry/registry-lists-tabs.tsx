import { useQuery } from '@tanstack/react-query';
import type { Facility, Organization } from '@yiwang/contracts';
import { FACILITY_STATE_LABELS, ORGANIZATION_KIND_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Input, Space, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { LinkedCasesCard } from './linked-cases';
import { useRegistryI18n } from './registry-messages';

const PAGE = 50;

/**
 * One registry list: a filter, the list's Excel export with the same filter, and the list page
 * by page from `path` (which answers `{ items, total }`; its export is `${path}/export.xlsx`).
 */
function RegistryList<T extends { id: string }>({
  path,
  testId,
  exportTestId,
  columns,
  expandable,
}: {
  path: string;
  testId: string;
  exportTestId: string;
  columns: NonNullable<TableProps<T>['columns']>;
  expandable?: TableProps<T>['expandable'];
}) {
  const { t } = useRegistryI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['registry', path, q, page],
    queryFn: () => api.get<{ items: T[]; total: number }>(path, { q, limit: PAGE, offset: (page - 1) * PAGE }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('r.filter')}
          aria-label={t('r.filter')}
          style={{ width: 320 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        <ExportButton path={`${path}/export.xlsx`} query={{ q }} testId={exportTestId} />
      </Space>
      {list.error && <Alert type="error" message={errorText(list.error)} />}
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        {...(expandable ? { expandable } : {})}
        data-testid={testId}
        columns={columns}
      />
    </Space>
  );
}

/** The organizations in scope, filtered, as Excel too (contact phones masked). */
export function OrganizationsTab() {
  const { t, locale } = useRegistryI18n();
  return (
    <RegistryList<Organization>
      path="/registry/organizations"
      testId="registry-organizations"
      exportTestId="organizations-export"
      columns={[
        { title: t('r.name'), dataIndex: 'name' },
        { title: t('r.kind'), render: (_, o) => ORGANIZATION_KIND_LABELS[o.kind][locale] },
        { title: t('r.where'), dataIndex: 'address' },
        { title: t('r.licence'), render: (_, o) => o.licenceNumber ?? '' },
        { title: t('r.contact'), render: (_, o) => o.contactName ?? '' },
        { title: t('r.contactPhone'), render: (_, o) => o.contactPhoneMasked ?? '' },
        { title: t('r.grid'), dataIndex: 'gridCode' },
      ]}
    />
  );
}

/** The facilities in scope, filtered, as Excel too; a facility's row opens the cases linked to it. */
export function FacilitiesTab() {
  const { t, locale } = useRegistryI18n();
  return (
    <RegistryList<Facility>
      path="/registry/facilities"
      testId="registry-facilities"
      exportTestId="facilities-export"
      expandable={{
        expandedRowRender: (f) => (
          <LinkedCasesCard path={`/registry/facilities/${f.id}/cases`} testId="facility-cases" />
        ),
      }}
      columns={[
        { title: t('r.classCode'), dataIndex: 'classCode' },
        { title: t('r.facilityCode'), render: (_, f) => f.code ?? '—' },
        { title: t('r.name'), dataIndex: 'name' },
        {
          title: t('r.facilityState'),
          render: (_, f) => (
            <Tag color={f.state === 'intact' ? undefined : 'orange'}>{FACILITY_STATE_LABELS[f.state][locale]}</Tag>
          ),
        },
        { title: t('r.owner'), dataIndex: 'ownerUnit' },
        { title: t('r.grid'), dataIndex: 'gridCode' },
      ]}
    />
  );
}
