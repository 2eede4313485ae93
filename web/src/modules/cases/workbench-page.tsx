import { Alert, Badge, Card, Col, Empty, Row, Skeleton, Statistic, Tooltip } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../lib/form-errors';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { RegistryQualityPanel } from '../registry';
import { useCaseStream } from './case-stream';
import { useCaseQueues } from './cases-api';
import { useCasesI18n } from './cases-messages';
import { CaseOverviewPanel, Clock, FieldForcePanel } from './workbench-panels';

const WorkbenchMap = lazy(() => import('./workbench-map'));

/**
 * 工作台: the caller's work queues with their counts, the cases at a glance (open per step,
 * yellow, red, today's new and closed) and, for a command desk, the map of open cases and
 * workers on patrol; every number opens the list behind it. The live case stream refreshes
 * the numbers as cases move, without a reload.
 */
export default function WorkbenchPage() {
  const { t } = useCasesI18n();
  const session = useSignedIn();
  const live = useCaseStream();
  const queues = useCaseQueues();
  const items = queues.data?.items ?? [];
  // The intake queue's cases with a possible duplicate, a number of its own (a desk with the intake queue).
  const possibleDuplicates = queues.data?.possibleDuplicates;
  const seesPatrols = hasPermission(session, 'patrols.read');
  const isWorkstation = session.user.roles.includes('workstation_staff');
  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">
          {t('cases.workbench')}{' '}
          <Tooltip title={live ? t('cases.live') : t('cases.liveOff')}>
            <Badge status={live ? 'processing' : 'default'} />
          </Tooltip>
        </h1>
        <Clock />
      </div>
      <Alert className="yw-form-alert" type="info" showIcon title={t('cases.workbenchHelp')} />
      {queues.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(queues.error)} />}
      {queues.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('cases.workbenchEmpty')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="work-queues">
          {items.map(({ queue, count }) => (
            <Col key={queue} xs={12} md={8} xl={6}>
              <Link to={`/cases/queue/${queue}`} data-testid={`queue-${queue}`} data-count={count}>
                <Card className="yw-card" hoverable>
                  <Statistic title={t(`cases.queue.${queue}`)} value={count} />
                </Card>
              </Link>
            </Col>
          ))}
          {possibleDuplicates !== undefined && (
            <Col xs={12} md={8} xl={6}>
              <Link
                to="/cases/queue/intake?possibleDuplicate=true"
                data-testid="queue-possible-duplicates"
                data-count={possibleDuplicates}
              >
                <Card className="yw-card" hoverable>
                  <Statistic
                    title={t('cases.wb.possibleDuplicates')}
                    value={possibleDuplicates}
                    {...(possibleDuplicates > 0 ? { styles: { content: { color: '#d97706' } } } : {})}
                  />
                </Card>
              </Link>
            </Col>
          )}
        </Row>
      )}
      <CaseOverviewPanel />
      {isWorkstation && <FieldForcePanel />}
      {isWorkstation && hasPermission(session, 'registry.read') && <RegistryQualityPanel />}
      {seesPatrols && (
        <Card className="yw-card" title={t('cases.wb.map')} extra={<small>{t('cases.wb.mapLegend')}</small>}>
          <Suspense fallback={<Skeleton active />}>
            <WorkbenchMap showPatrols={seesPatrols} />
          </Suspense>
        </Card>
      )}
    </>
  );
}
