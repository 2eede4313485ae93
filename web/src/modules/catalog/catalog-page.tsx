import type { Matter } from '@yiwang/contracts';
import { HANDLING_LEVELS, MATTER_CATEGORIES } from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { hasPermission } from '../../lib/permissions';
import { useDebounced } from '../../shared/use-debounced';
import { useSignedIn } from '../auth';
import { type MatterFilter, useDepartments, useMatters } from './catalog-api';
import { useCatalogI18n } from './catalog-messages';
import { MatterDialog } from './matter-dialog';

const PAGE_SIZE = 20;

/**
 * 事项清单: the matter catalog, searched and filtered by category, level and department,
 * with each matter's current version. Administrators add and edit matters (each change a
 * new version); others with catalog.read see the same page read-only.
 */
export default function CatalogPage() {
  const { t, locale } = useCatalogI18n();
  const session = useSignedIn();
  const canManage = hasPermission(session, 'catalog.manage');
  const [filter, setFilter] = useState<MatterFilter>({ includeInactive: canManage });
  const [page, setPage] = useState(1);
  // Searched as it is typed (the server ranks with the apps' shared matter search), once typing pauses.
  const [typed, setTyped] = useState('');
  const settled = useDebounced(typed.trim());
  useEffect(() => {
    setFilter((f) => (f.q === (settled || undefined) ? f : { ...f, q: settled || undefined }));
    setPage(1);
  }, [settled]);
  const [open, setOpen] = useState<{ matter: Matter | null; key: number } | null>(null);
  const matters = useMatters(filter);
  const departments = useDepartments();
  const departmentName = new Map((departments.data ?? []).map((d) => [d.code, d.name]));
  const patch = (next: Partial<MatterFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(1);
  };
  const nameOf = (m: Matter) => (locale === 'en-US' ? m.nameEn : m.name);

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('catalog.nav')}</h1>
        {canManage && (
          <Button type="primary" size="large" onClick={() => setOpen({ matter: null, key: Date.now() })}>
            {t('catalog.create')}
          </Button>
        )}
      </div>
      {!canManage && <Alert className="yw-form-alert" type="info" showIcon title={t('catalog.readOnly')} />}
      <Card className="yw-card">
        <Space wrap size="middle" className="yw-filters">
          <Input.Search
            allowClear
            placeholder={t('catalog.search')}
            aria-label={t('catalog.search')}
            style={{ width: 280 }}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(value) => {
              setTyped(value);
              patch({ q: value.trim() || undefined });
            }}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('catalog.allCategories')}
            value={filter.category}
            onChange={(category) => patch({ category })}
            options={MATTER_CATEGORIES.map((c) => ({ value: c, label: t(`catalog.category.${c}`) }))}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('catalog.allLevels')}
            value={filter.handlingLevel}
            onChange={(handlingLevel) => patch({ handlingLevel })}
            options={HANDLING_LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            placeholder={t('catalog.allDepartments')}
            value={filter.department}
            onChange={(department) => patch({ department })}
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
          {canManage && (
            <Checkbox checked={filter.includeInactive} onChange={(e) => patch({ includeInactive: e.target.checked })}>
              {t('catalog.includeInactive')}
            </Checkbox>
          )}
        </Space>
        {matters.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(matters.error)} />}
        <Table<Matter>
          data-testid="matter-list"
          rowKey="code"
          size="middle"
          loading={matters.isFetching && !matters.data}
          dataSource={matters.data?.items ?? []}
          scroll={{ x: 1200 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            showSizeChanger: false,
            showTotal: (total) => t('table.total', { total }),
            onChange: setPage,
          }}
          columns={[
            { key: 'code', title: t('catalog.code'), dataIndex: 'code', width: 100 },
            {
              key: 'name',
              title: t('catalog.name'),
              width: 220,
              render: (_, m) => (
                <>
                  {nameOf(m)}
                  {!m.active && (
                    <Tag style={{ marginInlineStart: 8 }} color="default">
                      {t('catalog.retired')}
                    </Tag>
                  )}
                  <div className="yw-subline">{locale === 'en-US' ? m.name : m.nameEn}</div>
                </>
              ),
            },
            {
              key: 'category',
              title: t('catalog.category'),
              width: 110,
              render: (_, m) => t(`catalog.category.${m.category}`),
            },
            {
              key: 'level',
              title: t('catalog.handlingLevel'),
              width: 120,
              render: (_, m) => t(`catalog.level.${m.handlingLevel}`),
            },
            {
              key: 'owners',
              title: t('catalog.owners'),
              width: 220,
              render: (_, m) => m.ownerUnitCodes.map((c) => departmentName.get(c) ?? c).join(t('list.separator')),
            },
            {
              key: 'handle',
              title: t('catalog.handle'),
              width: 120,
              render: (_, m) => (
                <span data-testid={`handle-limit-${m.code}`}>
                  {t('catalog.handleShort', {
                    amount: m.timeLimits.handle.amount,
                    unit: t(`catalog.unit.${m.timeLimits.handle.unit}`),
                  })}
                </span>
              ),
            },
            { key: 'difficulty', title: t('catalog.difficulty'), dataIndex: 'difficulty', width: 90 },
            {
              key: 'onSite',
              title: t('catalog.onSite'),
              width: 100,
              render: (_, m) => (m.needsOnSiteVerification ? <Tag color="blue">{t('catalog.onSiteYes')}</Tag> : '—'),
            },
            {
              key: 'listedPublicly',
              title: t('catalog.listedPublicly'),
              width: 100,
              render: (_, m) => (m.listedPublicly ? <Tag color="green">{t('catalog.listedPubliclyYes')}</Tag> : '—'),
            },
            {
              key: 'version',
              title: t('catalog.version'),
              width: 150,
              render: (_, m) => (
                <span data-testid={`version-${m.code}`} data-version={m.version}>
                  {t('catalog.versionN', { version: m.version })}
                  <div className="yw-subline">{t('catalog.since', { date: formatDateTime(m.validFrom) })}</div>
                </span>
              ),
            },
            {
              key: 'actions',
              title: t('table.actions'),
              width: 90,
              fixed: 'right',
              render: (_, m) => (
                <Button
                  type="link"
                  data-testid={`matter-open-${m.code}`}
                  onClick={() => setOpen({ matter: m, key: Date.now() })}
                >
                  {canManage ? t('action.edit') : t('catalog.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {open && <MatterDialog key={open.key} matter={open.matter} readOnly={!canManage} onClose={() => setOpen(null)} />}
    </>
  );
}
