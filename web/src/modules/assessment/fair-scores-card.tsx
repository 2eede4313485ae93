import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FairScoreLine, FairScoreRow, FairScoreTable, PeriodKind } from '@yiwang/contracts';
import { Alert, Card, Segmented, Space, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useFairScoreI18n } from './fair-score-messages';
import { FlagTags, useFlags } from './flags-card';
import { PeriodPicker, usePeriod } from './period-picker';

type FairScoreLevel = FairScoreTable['level'];

const useFairScores = (level: FairScoreLevel, period: PeriodKind, from: string) =>
  useQuery({
    queryKey: ['assessment', 'fair-scores', level, period, from],
    queryFn: ({ signal }) => api.get<FairScoreTable>('/assessment/fair-scores', { level, period, from }, { signal }),
    placeholderData: keepPreviousData,
  });

/** 公平得分: the rank a plain count of reports gives beside the difficulty-weighted rank, each line down to its cases. */
export function FairScoresCard() {
  const { t, locale } = useFairScoreI18n();
  const [level, setLevel] = useState<FairScoreLevel>('grid');
  const when = usePeriod();
  const { period, day } = when;
  const scores = useFairScores(level, period, day);
  // The detector's flags on the same units and period, beside their names.
  const flags = useFlags(level, period, day);
  const flagsOf = (key: string) => (flags.data?.flags ?? []).filter((f) => f.key === key);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<FairScoreLevel>
          data-testid="fair-score-level"
          value={level}
          onChange={setLevel}
          options={(['grid', 'worker'] as const).map((l) => ({ value: l, label: t(`fairScore.level.${l}`) }))}
        />
        <PeriodPicker value={when} locale={locale} dayLabel={t('fairScore.day')} />
      </Space>
      <Alert className="yw-form-alert" type="info" showIcon title={t('fairScore.hint')} />
      {scores.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(scores.error)} />}
      <Table<FairScoreRow>
        data-testid="assessment-fair-scores"
        rowKey="key"
        size="small"
        loading={scores.isFetching && !scores.data}
        dataSource={scores.data?.rows ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: t('fairScore.empty') }}
        footer={() => (scores.data ? t('fairScore.asOf', { time: formatDateTime(scores.data.period.asOf) }) : null)}
        expandable={{
          expandedRowRender: (row) => (
            <Table<FairScoreLine>
              size="small"
              rowKey="kind"
              dataSource={row.lines}
              pagination={false}
              columns={[
                { key: 'text', title: t('fairScore.line'), render: (_, l) => l.text[locale] },
                { key: 'measured', title: t('fairScore.measured'), render: (_, l) => l.measured[locale] },
                { key: 'points', title: t('fairScore.points'), width: 90, render: (_, l) => l.points },
                {
                  key: 'cases',
                  title: t('fairScore.cases'),
                  render: (_, l) => (
                    <Space wrap size={4}>
                      {l.cases.map((c) => (
                        <Tooltip key={c.caseId} title={c.why[locale]}>
                          <Link to={`/cases/${c.code}`}>
                            {c.code} ({c.points > 0 ? '+' : ''}
                            {c.points})
                          </Link>
                        </Tooltip>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          {
            key: 'name',
            title: t(`fairScore.level.${level}`),
            render: (_, r) => (
              <>
                {r.name}
                <FlagTags flags={flagsOf(r.key)} />
              </>
            ),
          },
          { key: 'count', title: t('fairScore.plainCount'), width: 90, render: (_, r) => r.plainCount },
          { key: 'countRank', title: t('fairScore.countRank'), width: 120, render: (_, r) => r.countRank },
          {
            key: 'total',
            title: t('fairScore.total'),
            width: 110,
            render: (_, r) => <strong data-testid="fair-score-total">{r.total}</strong>,
          },
          { key: 'fairRank', title: t('fairScore.fairRank'), width: 110, render: (_, r) => r.fairRank },
        ]}
      />
    </Card>
  );
}
