import { PlusOutlined } from '@ant-design/icons';
import type { Unit, UnitKind } from '@yiwang/contracts';
import { Alert, Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { UNIT_KINDS } from '../../lib/contracts';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { unitKindLabel } from '../../lib/labels';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { UnitFormDialog } from './unit-form-dialog';
import { useUnits } from './units-api';

const KIND_COLORS: Record<UnitKind, string> = { command_center: 'red', department: 'blue', workstation: 'green' };
const PAGE_SIZE = 20;

/** Command centers, departments and workstations in the caller's scope. */
export default function UnitsPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const canManage = hasPermission(session, 'units.manage');
  const [kind, setKind] = useState<UnitKind | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  // A new key per opening gives the dialog a fresh form; the old one can still animate out.
  const [dialog, setDialog] = useState<{ open: boolean; unit?: Unit | undefined; key: number }>({
    open: false,
    key: 0,
  });
  const openDialog = (unit?: Unit) => setDialog((d) => ({ open: true, unit, key: d.key + 1 }));
  const units = useUnits({
    kind: kind === 'all' ? undefined : kind,
    q: q || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('nav.units')}</h1>
        {canManage && (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => openDialog()}>
            {t('units.create')}
          </Button>
        )}
      </div>
      <Card className="yw-card">
        <Space wrap size="middle" className="yw-filters">
          <Segmented<UnitKind | 'all'>
            value={kind}
            onChange={(next) => {
              setKind(next);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('units.allKinds') },
              ...UNIT_KINDS.map((k) => ({ value: k, label: unitKindLabel(t, k) })),
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('units.searchPlaceholder')}
            style={{ width: 320 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
        </Space>
        {units.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(units.error)} />}
        <Table<Unit>
          rowKey="id"
          loading={units.isFetching}
          dataSource={units.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: units.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('table.total', { total }),
            onChange: setPage,
          }}
          columns={[
            { key: 'name', title: t('units.name'), dataIndex: 'name' },
            { key: 'code', title: t('units.code'), dataIndex: 'code', width: 220 },
            {
              key: 'kind',
              title: t('units.kind'),
              width: 140,
              render: (_, unit) => <Tag color={KIND_COLORS[unit.kind]}>{unitKindLabel(t, unit.kind)}</Tag>,
            },
            {
              key: 'region',
              title: t('units.region'),
              render: (_, unit) => (
                <>
                  {unit.regionName} <span className="yw-muted">{unit.regionCode}</span>
                </>
              ),
            },
            {
              key: 'createdAt',
              title: t('table.createdAt'),
              width: 170,
              render: (_, unit) => formatDateTime(unit.createdAt),
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('table.actions'),
                    width: 100,
                    render: (_: unknown, unit: Unit) => (
                      <Button type="link" onClick={() => openDialog(unit)}>
                        {t('action.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <UnitFormDialog
        key={dialog.key}
        open={dialog.open}
        unit={dialog.unit}
        onClose={() => setDialog((d) => ({ ...d, open: false }))}
      />
    </>
  );
}
