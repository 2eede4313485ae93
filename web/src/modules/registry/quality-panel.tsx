import { Card, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { useRegistryI18n } from './registry-messages';

// Its own chunk: the workbench loads the table only for a desk that shows it.
const QualityTable = lazy(() => import('./quality-tab').then((m) => ({ default: m.QualityTab })));

/** The workbench's panel: data quality of the workstation's grids (collection rate, accuracy). */
export function RegistryQualityPanel() {
  const { t } = useRegistryI18n();
  return (
    <Card className="yw-card" title={t('q.tab')} data-testid="workbench-registry-quality">
      <Suspense fallback={<Skeleton active />}>
        <QualityTable compact />
      </Suspense>
    </Card>
  );
}
