import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AssessmentFlag, FlagList, PeriodKind } from '@yiwang/contracts';
import { Alert, Card, Space, Table } from 'antd';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useFlagI18n } from './flag-messages';
import { PeriodPicker, usePeriod } from './period-picker';

export const useFlags = (period: PeriodKind, from: string, grid?: string) =>
  useQuery({
    queryKey: ['assessment', 'flags', period, from, grid ?? null],
    queryFn: ({ signal }) =>
      api.get<FlagList>('/assessment/flags', { period, from, ...(grid ? { grid } : {}) }, { signal }),
    placeholderData: keepPreviousData,
  });

/** The link to a grid's flag page, keeping the period. */
export const flagPagePath = (grid: string, period: PeriodKind, from: string) =>
  `/assessment/flags/${grid}?period=${period}&from=${from}`;

/** 异常线索: every flag of the scope, most cases first; a grid's name opens the cases behind its flags. */
export function FlagsCard() {
  const { t, locale } = useFlagI18n();
  const when = usePeriod();
  const { period, day } = when;
  const flags = useFlags(period, day);
  const rows = [...(flags.data?.flags ?? [])].sort((a, b) => b.caseCodes.length - a.caseCodes.length);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodPicker value={when} locale={locale} dayLabel={t('flags.day')} />
      </Space>
      <Alert className="yw-form-alert" type="info" showIcon title={t('flags.hint')} />
      {flags.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(flags.error)} />}
      <Table<AssessmentFlag>
        data-testid="assessment-flags"
        rowKey="id"
        size="small"
        loading={flags.isFetching && !flags.data}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: t('flags.empty') }}
        footer={() => (flags.data ? t('flags.asOf', { time: formatDateTime(flags.data.period.asOf) }) : null)}
        columns={[
          {
            key: 'grid',
            title: t('flags.grid'),
            render: (_, f) =>
              f.gridCode ? <Link to={flagPagePath(f.gridCode, period, day)}>{f.gridName ?? f.gridCode}</Link> : '—',
          },
          { key: 'subject', title: t('flags.subject'), render: (_, f) => f.subjectName },
          { key: 'kind', title: t('flags.kind'), render: (_, f) => t(`flags.kind.${f.kind}`) },
          { key: 'evidence', title: t('flags.evidence'), render: (_, f) => f.evidence[locale] },
          { key: 'cases', title: t('flags.cases'), width: 80, render: (_, f) => f.caseCodes.length },
        ]}
      />
    </Card>
  );
}
