import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditList, AuditVerifyResult } from '@yiwang/contracts';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatDateTimeSeconds } from '../../lib/format';
import { useI18n } from '../../lib/i18n/i18n-provider';
import type { MessageKey } from '../../lib/i18n/translate';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { auditActionLabel, auditObjectTypeLabel } from './audit-labels';

const PAGE_SIZE = 50;

const OUTCOME_COLORS: Record<string, string> = {
  success: 'green',
  failure: 'red',
  denied: 'volcano',
  locked: 'orange',
};
const OUTCOME_LABELS: Record<string, MessageKey> = {
  success: 'audit.outcome.success',
  failure: 'audit.outcome.failure',
  denied: 'audit.outcome.denied',
  locked: 'audit.outcome.locked',
};

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useI18n();
  if (result.ok) {
    return (
      <Alert
        className="yw-form-alert"
        type="success"
        showIcon
        title={t('audit.verifyOk', { checked: result.checked, checkpoints: result.checkpoints })}
        data-testid="audit-verify-result"
      />
    );
  }
  return (
    <Alert
      className="yw-form-alert"
      type="error"
      showIcon
      data-testid="audit-verify-result"
      title={t('audit.verifyBroken', {
        count: result.broken.length + result.brokenCheckpoints.length,
        checked: result.checked,
      })}
      description={
        <>
          {result.brokenCheckpoints.length > 0 && (
            <ul data-testid="audit-broken-checkpoints">
              {result.brokenCheckpoints.map((c) => (
                <li key={`${c.checkpointId}-${c.reason}`}>{c.message}</li>
              ))}
            </ul>
          )}
          {result.broken.length > 0 && (
            <Table
              size="small"
              rowKey={(row) => `${row.id}-${row.reason}`}
              pagination={false}
              dataSource={result.broken}
              columns={[
                { key: 'id', title: t('audit.seq'), dataIndex: 'id', width: 100 },
                { key: 'reason', title: t('audit.brokenReason'), dataIndex: 'reason', width: 180 },
                { key: 'message', title: t('audit.brokenMessage'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      }
    />
  );
}

/** The append-only, hash-chained audit log, and a button that checks the chain. */
export default function AuditPage() {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const canVerify = hasPermission(session, 'audit.verify');
  const [action, setAction] = useState('');
  const [objectType, setObjectType] = useState('');
  const [page, setPage] = useState(1);
  const filter = {
    action: action || undefined,
    objectType: objectType || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const entries = useQuery({
    queryKey: ['audit', 'list', filter],
    queryFn: ({ signal }) => api.get<AuditList>('/audit', filter, { signal }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.post<AuditVerifyResult>('/audit/verify') });
  const brokenIds = new Set(verify.data?.broken.map((b) => b.id) ?? []);

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('nav.audit')}</h1>
        <Space>
          <ExportButton path="/audit/export.xlsx" query={{ action, objectType }} testId="audit-export" />
          {canVerify && (
            <Button
              size="large"
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              {t('audit.verify')}
            </Button>
          )}
        </Space>
      </div>
      {verify.data && <VerifyResult result={verify.data} />}
      {verify.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(verify.error)} />}
      <Card className="yw-card">
        <Space wrap size="middle" className="yw-filters">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.actionFilter')}
            aria-label={t('audit.actionFilter')}
            style={{ width: 260 }}
            value={action || undefined}
            onChange={(value?: string) => {
              setAction(value ?? '');
              setPage(1);
            }}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(a, locale) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.objectTypeFilter')}
            aria-label={t('audit.objectTypeFilter')}
            style={{ width: 200 }}
            value={objectType || undefined}
            onChange={(value?: string) => {
              setObjectType(value ?? '');
              setPage(1);
            }}
            options={AUDIT_OBJECT_TYPES.map((o) => ({ value: o, label: auditObjectTypeLabel(o, locale) }))}
          />
        </Space>
        {entries.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(entries.error)} />}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={entries.isFetching}
          dataSource={entries.data?.items ?? []}
          rowClassName={(entry) => (brokenIds.has(entry.id) ? 'yw-row-broken' : '')}
          scroll={{ x: 1100 }}
          expandable={{
            rowExpandable: (entry) => entry.details !== null && entry.details !== undefined,
            expandedRowRender: (entry) => <pre className="yw-json">{JSON.stringify(entry.details, null, 2)}</pre>,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: entries.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('table.total', { total }),
            onChange: setPage,
          }}
          columns={[
            { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 90 },
            { key: 'at', title: t('audit.at'), width: 190, render: (_, entry) => formatDateTimeSeconds(entry.at) },
            { key: 'actor', title: t('audit.actor'), dataIndex: 'actorLabel', width: 160 },
            {
              key: 'action',
              title: t('audit.action'),
              render: (_, entry) => {
                return (
                  <>
                    {auditActionLabel(entry.action, locale)} <span className="yw-muted">{entry.action}</span>
                  </>
                );
              },
            },
            {
              key: 'object',
              title: t('audit.object'),
              render: (_, entry) => (
                <>
                  {auditObjectTypeLabel(entry.objectType, locale)}{' '}
                  <span className="yw-muted">{entry.objectId ?? ''}</span>
                </>
              ),
            },
            {
              key: 'outcome',
              title: t('audit.outcome'),
              width: 110,
              render: (_, entry) => {
                const label = OUTCOME_LABELS[entry.outcome];
                return <Tag color={OUTCOME_COLORS[entry.outcome] ?? 'default'}>{label ? t(label) : entry.outcome}</Tag>;
              },
            },
          ]}
        />
      </Card>
    </>
  );
}
