import { useQuery } from '@tanstack/react-query';
import type { Facility, FacilityList, Organization, OrganizationList } from '@yiwang/contracts';
import { FACILITY_STATE_LABELS, ORGANIZATION_KIND_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { LinkedCasesCard } from './linked-cases';
import { useRegistryI18n } from './registry-messages';

const PAGE = 50;

function useRegistryList<T>(path: string, q: string, page: number) {
  return useQuery({
    queryKey: ['registry', path, q, page],
    queryFn: () => api.get<{ items: T[]; total: number }>(path, { q, limit: PAGE, offset: (page - 1) * PAGE }),
  });
}

/** The organizations in scope, filtered, as Excel too (contact phones masked). */
export function OrganizationsTab() {
  const { t, locale } = useRegistryI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useRegistryList<Organization>('/registry/organizations', q, page);
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
        <ExportButton path="/registry/organizations/export.xlsx" query={{ q }} testId="organizations-export" />
      </Space>
      {list.error && <Alert type="error" message={errorText(list.error)} />}
      <Table<Organization>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={(list.data as OrganizationList | undefined)?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="registry-organizations"
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
    </Space>
  );
}

/** The facilities in scope, filtered, as Excel too; a facility's row opens the cases linked to it. */
export function FacilitiesTab() {
  const { t, locale } = useRegistryI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useRegistryList<Facility>('/registry/facilities', q, page);
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
        <ExportButton path="/registry/facilities/export.xlsx" query={{ q }} testId="facilities-export" />
      </Space>
      {list.error && <Alert type="error" message={errorText(list.error)} />}
      <Table<Facility>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={(list.data as FacilityList | undefined)?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        expandable={{
          expandedRowRender: (f) => (
            <LinkedCasesCard path={`/registry/facilities/${f.id}/cases`} testId="facility-cases" />
          ),
        }}
        data-testid="registry-facilities"
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
    </Space>
  );
}
