import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { IndicatorTable, IndicatorValue } from '@yiwang/contracts';
import { COUNT_INDICATORS, INDICATOR_LABELS, type IndicatorId, LOWER_IS_BETTER } from '@yiwang/contracts/vocabulary';
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { chinaToday } from '../../lib/format';
import { useModuleI18n } from '../../lib/i18n/module-i18n';
import { useCaseStream } from '../cases';
import { useAccountability, useIndicators } from './assessment-api';
import { EChart } from './echart';

const zhCN = {
  'leader.title': '工作台',
  'leader.help': '本月考核指标、需要关注的部门和街道、近六个月的走势与排名；每分钟随案件更新。',
  'leader.indicators': '本月考核指标（全县）',
  'leader.flags': '需要关注',
  'leader.flagsEmpty': '本月没有超期、推诿或返工。',
  'leader.trends': '近六个月走势',
  'leader.townRanking': '街道（镇）按期处置率排名',
  'leader.departmentRanking': '部门按期处置率排名',
  'leader.unit': '单位',
  'leader.overdue': '超期 {count} 件',
  'leader.rejected': '推诿 {count} 次',
  'leader.rework': '返工 {count} 次',
  'leader.details': '查看考核详情',
};
type LeaderKey = keyof typeof zhCN;
const enUS: Record<LeaderKey, string> = {
  'leader.title': 'Workbench',
  'leader.help':
    "This month's indicators, the departments and towns to look at, six months' trends and rankings; refreshed every minute.",
  'leader.indicators': "This month's indicators (county)",
  'leader.flags': 'To look at',
  'leader.flagsEmpty': 'No overdue case, unjustified return or rework this month.',
  'leader.trends': 'The last six months',
  'leader.townRanking': 'Towns by on-time handling',
  'leader.departmentRanking': 'Departments by on-time handling',
  'leader.unit': 'Unit',
  'leader.overdue': '{count} overdue',
  'leader.rejected': '{count} unjustified returns',
  'leader.rework': '{count} reworks',
  'leader.details': 'Assessment in detail',
};
const dictionaries = { 'zh-CN': zhCN, 'en-US': enUS };

/**
 * A case event on the stream re-reads the indicators (folded from the event log), at most this
 * often; while the stream is down they are polled every minute instead.
 */
const STREAM_REFRESH_MS = 3_000;
const FALLBACK_REFRESH_MS = 60_000;
const SHOWN: readonly IndicatorId[] = [
  'reportCount',
  'registrationRate',
  'onTimeHandlingRate',
  'onTimeClosureRate',
  'overdueRate',
  'reworkRate',
  'shirkRate',
  'satisfactionRate',
];
const TRENDS: readonly IndicatorId[] = ['onTimeHandlingRate', 'closureRate', 'overdueRate', 'satisfactionRate'];

const percent = (v: IndicatorValue | undefined) => (v?.value == null ? null : Math.round(v.value * 1000) / 10);
/** The 15th of the month `back` months before today's (a day inside that month). */
const monthDay = (today: string, back: number) => {
  const d = new Date(`${today.slice(0, 7)}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
};

/** Follows the case stream: a burst of case events re-reads the assessment's numbers once. Answers whether it is live. */
function useLiveIndicators(): boolean {
  const queryClient = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  return useCaseStream(() => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      void queryClient.invalidateQueries({ queryKey: ['assessment'] });
    }, STREAM_REFRESH_MS);
  });
}

/** 领导工作台: the assessment issue's indicators and flags, trends and rankings (ECharts, loaded after the numbers). */
export default function LeaderWorkbenchPage() {
  const { t, locale } = useModuleI18n<LeaderKey>(dictionaries);
  const live = useLiveIndicators();
  const today = chinaToday();
  const county = useIndicators('county', 'month', today);
  const towns = useIndicators('town', 'month', today);
  const accountability = useAccountability(today.slice(0, 7));
  const months = [5, 4, 3, 2, 1, 0].map((back) => monthDay(today, back));
  const history = useQueries({
    queries: months.map((from) => ({
      queryKey: ['assessment', 'indicators', 'county', 'month', from],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<IndicatorTable>('/assessment/indicators', { level: 'county', period: 'month', from }, { signal }),
      refetchInterval: live ? false : FALLBACK_REFRESH_MS,
    })),
  });
  const values = county.data?.rows[0]?.values;
  const label = (id: IndicatorId) => INDICATOR_LABELS[id][locale];

  // Options are rebuilt on each render (a query's update, at most every minute): setOption is cheap at this size.
  const trendOption = history.some((h) => !h.data)
    ? null
    : {
        tooltip: { trigger: 'axis' },
        legend: { data: TRENDS.map(label) },
        grid: { left: 40, right: 16, top: 40, bottom: 24 },
        xAxis: { type: 'category', data: months.map((m) => m.slice(0, 7)) },
        yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        series: TRENDS.map((id) => ({
          name: label(id),
          type: 'line',
          data: history.map((h) => percent(h.data?.rows[0]?.values[id])),
        })),
      };
  const ranking = (rows: { name: string; value: number | null }[]) => {
    const sorted = rows.filter((r) => r.value !== null).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: sorted.map((r) => r.name) },
      series: [{ type: 'bar', data: sorted.map((r) => r.value), itemStyle: { color: '#0d9488' } }],
    };
  };
  const townOption = ranking(
    (towns.data?.rows ?? []).map((r) => ({ name: r.name, value: percent(r.values.onTimeHandlingRate) })),
  );
  const departments = (accountability.data?.rows ?? []).filter((r) => r.kind === 'department');
  const departmentOption = ranking(departments.map((r) => ({ name: r.name, value: percent(r.onTimeHandlingRate) })));
  const flagged = (accountability.data?.rows ?? [])
    .filter((r) => r.overdueCases > 0 || r.rejectedReturns > 0 || r.reworks > 0)
    .sort((a, b) => b.overdueCases - a.overdueCases || b.rejectedReturns - a.rejectedReturns);
  const error = county.error ?? towns.error ?? accountability.error;

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('leader.title')}</h1>
        <Link to="/assessment">{t('leader.details')}</Link>
      </div>
      <Alert className="yw-form-alert" type="info" showIcon title={t('leader.help')} />
      {error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(error)} />}
      <Card className="yw-card" title={t('leader.indicators')} data-testid="leader-indicators" data-live={live}>
        {values ? (
          <Row gutter={[16, 16]}>
            {SHOWN.map((id) => {
              const count = COUNT_INDICATORS.includes(id);
              const v = values[id];
              return (
                <Col
                  key={id}
                  xs={12}
                  md={6}
                  data-testid={`indicator-${id}`}
                  data-value={count ? v.numerator : (v.value ?? '')}
                >
                  <Statistic
                    title={label(id)}
                    value={count ? v.numerator : (percent(v) ?? '—')}
                    suffix={count || v.value === null ? undefined : '%'}
                    {...(LOWER_IS_BETTER.includes(id) && (v.value ?? 0) > 0
                      ? { styles: { content: { color: '#dc2626' } } }
                      : {})}
                  />
                </Col>
              );
            })}
          </Row>
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card className="yw-card" title={t('leader.flags')} data-testid="leader-flags">
        <Table
          rowKey={(r) => `${r.kind}-${r.key}`}
          size="small"
          pagination={false}
          loading={accountability.isPending}
          locale={{ emptyText: t('leader.flagsEmpty') }}
          dataSource={flagged.slice(0, 8)}
          columns={[
            { key: 'name', title: t('leader.unit'), render: (_, r) => r.name },
            {
              key: 'flags',
              title: t('leader.flags'),
              render: (_, r) => (
                <>
                  {r.overdueCases > 0 && <Tag color="red">{t('leader.overdue', { count: r.overdueCases })}</Tag>}
                  {r.rejectedReturns > 0 && (
                    <Tag color="orange">{t('leader.rejected', { count: r.rejectedReturns })}</Tag>
                  )}
                  {r.reworks > 0 && <Tag color="gold">{t('leader.rework', { count: r.reworks })}</Tag>}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card className="yw-card" title={t('leader.trends')}>
            {trendOption ? <EChart option={trendOption} height={280} testId="leader-trends" /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card className="yw-card" title={t('leader.townRanking')}>
            <EChart option={townOption} height={280} testId="leader-town-ranking" />
          </Card>
        </Col>
        <Col xs={24}>
          <Card className="yw-card" title={t('leader.departmentRanking')}>
            <EChart
              option={departmentOption}
              height={Math.max(200, departments.length * 22)}
              testId="leader-department-ranking"
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
