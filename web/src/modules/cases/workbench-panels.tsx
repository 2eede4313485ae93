import { useQuery } from '@tanstack/react-query';
import type { LivePositionList, VisitPlanList, WorkerActivityList } from '@yiwang/contracts';
import { Alert, Card, Col, Row, Skeleton, Statistic, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { chinaDay } from '../../lib/format';
import { useCaseOverview } from './cases-api';
import { type CasesMessageKey, useCasesI18n } from './cases-messages';

/** A China day (UTC+08:00), whatever the browser's time zone: the server's days are China days. */

/** The time of day (China), ticking: the clock the yellow and red limits run against. */
export function Clock() {
  const { t, locale } = useCasesI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = now.toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <time className="yw-workbench-clock" data-testid="workbench-clock" dateTime={now.toISOString()}>
      {t('cases.wb.clock')}：{text}
    </time>
  );
}

/** One number that opens the list behind it. */
function Figure(props: { id: string; title: string; value: number; to: string; color?: string }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Link to={props.to} data-testid={`overview-${props.id}`} data-count={props.value}>
        <Card className="yw-card" hoverable>
          <Statistic
            title={props.title}
            value={props.value}
            {...(props.color ? { styles: { content: { color: props.color } } } : {})}
          />
        </Card>
      </Link>
    </Col>
  );
}

const listOf = (params: Record<string, string>) => `/cases?${new URLSearchParams(params).toString()}`;

/** Open cases per step, yellow and red, today's new and closed — each a link to exactly its cases. */
export function CaseOverviewPanel() {
  const { t } = useCasesI18n();
  const overview = useCaseOverview();
  if (overview.error)
    return <Alert className="yw-form-alert" type="error" showIcon title={errorText(overview.error)} />;
  if (!overview.data) return <Skeleton active />;
  const o = overview.data;
  return (
    <Card className="yw-card" title={t('cases.wb.overview')} data-testid="case-overview">
      <Row gutter={[16, 16]}>
        <Figure id="open" title={t('cases.wb.open')} value={o.open} to={listOf({ open: 'true' })} />
        <Figure
          id="warning"
          title={t('cases.wb.warning')}
          value={o.warning}
          color="#d97706"
          to={listOf({ open: 'true', timeState: 'warning' })}
        />
        <Figure
          id="overdue"
          title={t('cases.wb.overdue')}
          value={o.overdue}
          color="#dc2626"
          to={listOf({ open: 'true', timeState: 'overdue' })}
        />
        <Figure
          id="reported-today"
          title={t('cases.wb.reportedToday')}
          value={o.reportedToday}
          to={listOf({ reportedFrom: o.dayStart })}
        />
        <Figure
          id="closed-today"
          title={t('cases.wb.closedToday')}
          value={o.closedToday}
          to={listOf({ closedFrom: o.dayStart })}
        />
      </Row>
      <div className="yw-workbench-states" data-testid="overview-by-state">
        {t('cases.wb.byState')}：
        {o.byState.map(({ state, count }) => (
          <Link key={state} to={listOf({ state })} data-testid={`overview-state-${state}`} data-count={count}>
            <Tag>
              {t(`cases.state.${state}` as CasesMessageKey)} {count}
            </Tag>
          </Link>
        ))}
      </div>
    </Card>
  );
}

/**
 * A workstation's field force: visits due (and overdue) in its grids, workers on patrol now
 * and those who patrolled today.
 */
export function FieldForcePanel() {
  const { t } = useCasesI18n();
  const today = chinaDay(Date.now());
  const plans = useQuery({
    queryKey: ['visits', 'plans', 'open'],
    queryFn: ({ signal }) => api.get<VisitPlanList>('/visit-plans', { open: true }, { signal }),
  });
  const live = useQuery({
    queryKey: ['patrols', 'live', 'workbench'],
    queryFn: ({ signal }) => api.get<LivePositionList>('/patrols/live', undefined, { signal }),
    refetchInterval: 30_000,
    refetchOnWindowFocus: false,
  });
  const activity = useQuery({
    queryKey: ['patrols', 'activity', today, null, null],
    queryFn: ({ signal }) => api.get<WorkerActivityList>('/field/activity', { date: today }, { signal }),
    refetchOnWindowFocus: false,
  });
  const due = plans.data?.items.filter((p) => p.dueOn <= today) ?? [];
  const figures: { id: string; title: string; value: number | undefined; to: string }[] = [
    { id: 'visits-due', title: t('cases.wb.visitsDue'), value: due.length, to: '/patrols' },
    {
      id: 'visits-overdue',
      title: t('cases.wb.visitsOverdue'),
      value: due.filter((p) => p.dueOn < today).length,
      to: '/patrols',
    },
    { id: 'patrol-live', title: t('cases.wb.patrolLive'), value: live.data?.items.length, to: '/patrols' },
    {
      id: 'patrol-today',
      title: t('cases.wb.patrolToday'),
      value: activity.data?.items.filter((a) => a.patrolMinutes > 0).length,
      to: '/patrols',
    },
  ];
  return (
    <Card className="yw-card" title={t('cases.wb.field')} data-testid="field-force">
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.id} xs={12} md={6}>
            <Link to={f.to} data-testid={`field-${f.id}`} data-count={f.value ?? ''}>
              <Card className="yw-card" hoverable>
                <Statistic title={f.title} value={f.value ?? '—'} loading={f.value === undefined} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
