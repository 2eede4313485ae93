import { useQuery } from '@tanstack/react-query';
import type { LinkedCase, LinkedCaseList } from '@yiwang/contracts';
import { CASE_REGISTRY_LINK_KIND_LABELS, CASE_STATE_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useRegistryI18n } from './registry-messages';

/**
 * The cases linked to a registry record (a person and their household, a building's dwellings, a
 * facility): number, matter, state, date, each opening the case page. Only cases the reader may see.
 */
export function LinkedCasesCard({ path, testId }: { path: string; testId: string }) {
  const { t, locale } = useRegistryI18n();
  const cases = useQuery({
    queryKey: ['registry', 'linked-cases', path],
    queryFn: () => api.get<LinkedCaseList>(path),
  });
  return (
    <Card title={t('l.cases')} size="small" data-testid={testId}>
      {cases.error && <Alert type="error" message={errorText(cases.error)} />}
      <Table<LinkedCase>
        rowKey="code"
        size="small"
        pagination={false}
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        locale={{ emptyText: t('l.noCases') }}
        columns={[
          { title: t('l.code'), render: (_, c) => <Link to={`/cases/${c.code}`}>{c.code}</Link> },
          { title: t('l.matter'), render: (_, c) => (locale === 'en-US' ? c.matterNameEn : c.matterName) },
          { title: t('l.state'), render: (_, c) => <Tag>{CASE_STATE_LABELS[c.state][locale]}</Tag> },
          { title: t('l.reportedAt'), render: (_, c) => formatDateTime(c.createdAt) },
          { title: t('l.via'), render: (_, c) => CASE_REGISTRY_LINK_KIND_LABELS[c.via][locale] },
        ]}
      />
    </Card>
  );
}
