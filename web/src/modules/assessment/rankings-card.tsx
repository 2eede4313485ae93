import type { IndicatorCase, IndicatorValue } from '@yiwang/contracts';
import {
  ASSESSMENT_LEVEL_LABELS,
  ASSESSMENT_LEVELS,
  type AssessmentLevel,
  COUNT_INDICATORS,
  INDICATOR_IDS,
  INDICATOR_LABELS,
  type IndicatorId,
  LOWER_IS_BETTER,
  PERIOD_KIND_LABELS,
} from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Drawer, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../lib/form-errors';
import { PeriodPicker, usePeriod } from './period-picker';
import { TrendChart } from './trend-chart';
import { type DrillDown, useIndicatorCases, useIndicatorTrend } from './views-api';
import { useViewsI18n } from './views-messages';

const shown = (id: IndicatorId, v: IndicatorValue | undefined): string => {
  if (!v || v.value === null) return '—';
  return COUNT_INDICATORS.includes(id) ? String(v.value) : `${(v.value * 100).toFixed(1)}%`;
};

/** The leader's ranking of a level by one indicator, with its trend lines; every number opens its cases. */
export function RankingsCard() {
  const { t, locale } = useViewsI18n();
  const [level, setLevel] = useState<AssessmentLevel>('town');
  const [indicator, setIndicator] = useState<IndicatorId>('onTimeClosureRate');
  const when = usePeriod();
  const trend = useIndicatorTrend(level, indicator, when.period, when.day);
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const periods = trend.data?.periods ?? [];
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<AssessmentLevel>
          aria-label={t('views.level')}
          data-testid="rankings-level"
          style={{ width: 140 }}
          value={level}
          onChange={setLevel}
          options={ASSESSMENT_LEVELS.map((l) => ({ value: l, label: ASSESSMENT_LEVEL_LABELS[l][locale] }))}
        />
        <Select<IndicatorId>
          aria-label={t('views.indicator')}
          data-testid="rankings-indicator"
          style={{ width: 180 }}
          value={indicator}
          onChange={setIndicator}
          options={INDICATOR_IDS.map((id) => ({
            value: id,
            label: `${INDICATOR_LABELS[id][locale]}${LOWER_IS_BETTER.includes(id) ? ' ↓' : ''}`,
          }))}
        />
        <PeriodPicker value={when} locale={locale} dayLabel={t('views.day')} />
      </Space>
      <Alert className="yw-form-alert" type="info" showIcon title={t('views.hint')} />
      {trend.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(trend.error)} />}
      {trend.data && trend.data.series.length > 0 && <TrendChart trend={trend.data} />}
      <Table
        data-testid="rankings-table"
        rowKey="key"
        size="small"
        loading={trend.isFetching && !trend.data}
        dataSource={trend.data?.series ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('views.empty') }}
        columns={[
          { key: 'rank', title: t('views.rank'), width: 70, render: (_, s) => s.rank ?? '—' },
          { key: 'name', title: ASSESSMENT_LEVEL_LABELS[level][locale], width: 160, render: (_, s) => s.name },
          ...periods.map((p, i) => ({
            key: p.firstDay,
            title: p.firstDay,
            width: 110,
            render: (_: unknown, s: { key: string; name: string; values: IndicatorValue[] }) => {
              const v = s.values[i];
              return (
                <Button
                  type="link"
                  size="small"
                  data-testid="rankings-value"
                  data-unit={s.key}
                  onClick={() =>
                    setDrill({ level, key: s.key, name: s.name, indicator, period: p.kind, from: p.firstDay })
                  }
                >
                  {shown(indicator, v)}
                </Button>
              );
            },
          })),
        ]}
      />
      <CasesDrawer drill={drill} onClose={() => setDrill(null)} />
    </Card>
  );
}

/** The cases behind one number: those counting against it first, each linked to its case. */
function CasesDrawer({ drill, onClose }: { drill: DrillDown | null; onClose: () => void }) {
  const { t, locale } = useViewsI18n();
  const cases = useIndicatorCases(drill);
  const data = cases.data?.pages[0];
  const rows = cases.data?.pages.flatMap((p) => p.cases) ?? [];
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size="large"
      title={
        drill
          ? t('views.cases.title', {
              unit: drill.name,
              indicator: INDICATOR_LABELS[drill.indicator][locale],
              period: `${PERIOD_KIND_LABELS[drill.period][locale]} ${drill.from}`,
            })
          : ''
      }
    >
      {cases.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(cases.error)} />}
      {data && (
        <p data-testid="drill-value">
          {t('views.cases.value', {
            value: shown(data.indicator, data.value),
            numerator: data.value.numerator,
            denominator: data.value.denominator ?? '—',
          })}
        </p>
      )}
      <Table<IndicatorCase>
        data-testid="drill-cases"
        rowKey="code"
        size="small"
        loading={cases.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        footer={
          cases.hasNextPage
            ? () => (
                <Button
                  data-testid="drill-more"
                  loading={cases.isFetchingNextPage}
                  onClick={() => cases.fetchNextPage()}
                >
                  {t('views.cases.more', { shown: rows.length, total: data?.total ?? 0 })}
                </Button>
              )
            : undefined
        }
        locale={{ emptyText: t('views.cases.none') }}
        columns={[
          {
            key: 'code',
            title: t('views.cases.code'),
            render: (_, c) => <Link to={`/cases/${c.code}`}>{c.code}</Link>,
          },
          { key: 'description', title: t('views.cases.description'), render: (_, c) => c.description },
          {
            key: 'counts',
            title: t('views.cases.counts'),
            render: (_, c) => (
              <Space size={4}>
                {c.against && <Tag color="red">{t('views.cases.against')}</Tag>}
                {c.numerator > 0 && <Tag>{`${t('views.cases.numerator')} ${c.numerator}`}</Tag>}
                {c.denominator > 0 && <Tag>{`${t('views.cases.denominator')} ${c.denominator}`}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
