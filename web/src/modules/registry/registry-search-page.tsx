import { useQuery } from '@tanstack/react-query';
import type { GroupRentalList, RegistrySearchHit, RegistrySearchResult } from '@yiwang/contracts';
import {
  DWELLING_USE_LABELS,
  GROUP_RENTAL_REASON_LABELS,
  GROUP_RENTAL_RULE_LABELS,
} from '@yiwang/contracts/vocabulary';
import { Alert, Card, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { QualityTab, VisitReviewsTab } from './quality-tab';
import { FacilitiesTab, OrganizationsTab } from './registry-lists-tabs';
import { useRegistryI18n } from './registry-messages';
import { SharingCatalogTab } from './sharing-catalog-tab';

type Kind = RegistrySearchHit['kind'];
const KINDS: Kind[] = ['person', 'household', 'address', 'building', 'organization'];

/** Where a hit opens: a person their page, anything in a building the building's page. */
function hitLink(hit: RegistrySearchHit): string | null {
  if (hit.kind === 'person') return `/registry/people/${hit.id}`;
  return hit.buildingId ? `/registry/buildings/${hit.buildingId}` : null;
}

function SearchTab() {
  const { t } = useRegistryI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const search = useQuery({
    queryKey: ['registry', 'search', q, kind],
    queryFn: () => api.get<RegistrySearchResult>('/registry/search', { q, limit: 50, ...(kind ? { kind } : {}) }),
    enabled: q.trim().length > 0,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          enterButton={t('r.search')}
          placeholder={t('r.searchHint')}
          aria-label={t('r.search')}
          style={{ width: 420 }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="registry-search"
        />
        <Select
          aria-label={t('r.kind')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={[{ value: '', label: t('r.kindAll') }, ...KINDS.map((k) => ({ value: k, label: t(`r.kind.${k}`) }))]}
        />
        {q && (
          <ExportButton
            path="/registry/search/export.xlsx"
            query={{ q, limit: 50, ...(kind ? { kind } : {}) }}
            testId="registry-search-export"
          />
        )}
      </Space>
      {search.error && <Alert type="error" message={errorText(search.error)} />}
      {q && (
        <Table<RegistrySearchHit>
          rowKey={(hit) => `${hit.kind}-${hit.id}`}
          size="small"
          loading={search.isFetching}
          dataSource={search.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('r.noResults') }}
          data-testid="registry-results"
          columns={[
            { title: t('r.kind'), width: 90, render: (_, hit) => <Tag>{t(`r.kind.${hit.kind}`)}</Tag> },
            {
              title: t('r.name'),
              render: (_, hit) => {
                const to = hitLink(hit);
                return to ? <Link to={to}>{hit.title}</Link> : hit.title;
              },
            },
            { title: t('r.where'), dataIndex: 'subtitle' },
          ]}
        />
      )}
    </Space>
  );
}

function GroupRentalsTab() {
  const { t, locale } = useRegistryI18n();
  const list = useQuery({
    queryKey: ['registry', 'group-rentals'],
    queryFn: () => api.get<GroupRentalList>('/registry/group-rentals'),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {list.error && <Alert type="error" message={errorText(list.error)} />}
      {list.data && (
        <span className="yw-muted">
          {t('r.rule')}: {GROUP_RENTAL_RULE_LABELS[list.data.rule][locale]}
        </span>
      )}
      <ExportButton path="/registry/group-rentals/export.xlsx" query={{}} testId="group-rentals-export" />
      <Table
        rowKey={(r) => r.dwelling.id}
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="group-rentals"
        columns={[
          {
            title: t('r.dwelling'),
            render: (_, r) => <Link to={`/registry/buildings/${r.dwelling.buildingId}`}>{r.dwelling.address}</Link>,
          },
          { title: t('r.use'), render: (_, r) => DWELLING_USE_LABELS[r.dwelling.use][locale] },
          { title: t('r.area'), render: (_, r) => r.dwelling.areaM2 },
          { title: t('r.people'), dataIndex: 'people' },
          { title: t('r.households'), dataIndex: 'households' },
          { title: t('r.areaPerPerson'), dataIndex: 'areaPerPerson' },
          { title: t('r.peoplePerRoom'), dataIndex: 'peoplePerRoom' },
          {
            title: t('r.reasons'),
            render: (_, r) =>
              r.reasons.map((reason) => <Tag key={reason}>{GROUP_RENTAL_REASON_LABELS[reason][locale]}</Tag>),
          },
        ]}
      />
    </Space>
  );
}

/** 人房信息: find people, households, addresses, buildings and organizations; suspected group rentals. */
export default function RegistrySearchPage() {
  const { t } = useRegistryI18n();
  const session = useSignedIn();
  return (
    <Card title={t('r.title')}>
      <Tabs
        items={[
          { key: 'search', label: t('r.search'), children: <SearchTab /> },
          { key: 'group-rentals', label: t('r.groupRentals'), children: <GroupRentalsTab /> },
          { key: 'organizations', label: t('r.organizations'), children: <OrganizationsTab /> },
          { key: 'facilities', label: t('r.facilities'), children: <FacilitiesTab /> },
          { key: 'quality', label: t('q.tab'), children: <QualityTab /> },
          ...(hasPermission(session, 'registry.review')
            ? [{ key: 'reviews', label: t('q.reviews'), children: <VisitReviewsTab /> }]
            : []),
          ...(hasPermission(session, 'registry.sharing')
            ? [{ key: 'sharing', label: t('r.sharing'), children: <SharingCatalogTab /> }]
            : []),
        ]}
      />
    </Card>
  );
}
