import { useQuery } from '@tanstack/react-query';
import type { SharedRecords, SharingGrantList } from '@yiwang/contracts';
import {
  PERSON_TAG_LABELS,
  REGISTRY_RECORD_KIND_LABELS,
  SHAREABLE_FIELD_LABELS,
  type ShareableField,
  type SharedRecordKind,
  sharedFieldText,
} from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { useRegistryI18n } from './registry-messages';

/** Rows a page of shared records holds (the API's default page). */
const PAGE = 100;

/**
 * 共享数据: what a department reads through its unit's data-sharing grants — each grant's records
 * with exactly the granted fields as columns (a field outside the grant is not there at all), page
 * by page, and the whole list as Excel. Every read and export is audited with the grant's purpose.
 */
export default function SharedRecordsPage() {
  const { t, locale } = useRegistryI18n();
  const grants = useQuery({
    queryKey: ['registry', 'sharing-grants', 'mine'],
    queryFn: () => api.get<SharingGrantList>('/registry/sharing-grants'),
  });
  const inForce = (grants.data?.items ?? []).filter((g) => !g.revokedAt);
  const [chosen, setChosen] = useState<string | undefined>();
  const grantId = chosen ?? inForce[0]?.id;
  const [offset, setOffset] = useState(0);
  const records = useQuery({
    queryKey: ['registry', 'shared', grantId, offset],
    queryFn: () => api.get<SharedRecords>(`/registry/shared/${grantId}`, { limit: PAGE, offset }),
    enabled: Boolean(grantId),
  });
  if (grants.error) return <Alert type="error" message={errorText(grants.error)} />;
  const grant = records.data?.grant;
  const kind = grant?.recordKind as SharedRecordKind | undefined;
  return (
    <Card title={t('r.shared')} loading={grants.isPending}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {grants.data && inForce.length === 0 && <Alert type="info" message={t('r.sharedNone')} />}
        {inForce.length > 0 && (
          <Space wrap>
            <Select
              aria-label={t('r.sharedGrant')}
              value={grantId}
              onChange={(id) => {
                setChosen(id);
                setOffset(0);
              }}
              style={{ minWidth: 420 }}
              data-testid="shared-grant"
              options={inForce.map((g) => ({
                value: g.id,
                label: `${g.purpose} · ${REGISTRY_RECORD_KIND_LABELS[g.recordKind][locale]}${
                  g.tag ? ` · ${PERSON_TAG_LABELS[g.tag][locale]}` : ''
                } · ${t('r.sharedUntil', { day: g.validUntil })}`,
              }))}
            />
            {grantId && (
              <ExportButton path={`/registry/shared/${grantId}/export.xlsx`} query={{}} testId="shared-export" />
            )}
          </Space>
        )}
        {records.error && <Alert type="error" message={errorText(records.error)} />}
        {grant && kind && (
          <>
            <Table
              rowKey={(row) => String(row.id)}
              size="small"
              pagination={false}
              loading={records.isFetching}
              dataSource={records.data?.items ?? []}
              data-testid="shared-records"
              columns={grant.fields.map((field) => ({
                key: field,
                title: SHAREABLE_FIELD_LABELS[field as ShareableField]?.[locale] ?? field,
                render: (_: unknown, row: Record<string, unknown>) => sharedFieldText(kind, field, row[field], locale),
              }))}
            />
            <Space>
              <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('r.previousPage')}
              </Button>
              <Button disabled={(records.data?.items.length ?? 0) < PAGE} onClick={() => setOffset(offset + PAGE)}>
                {t('r.nextPage')}
              </Button>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}
