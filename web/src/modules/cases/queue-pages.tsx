import type { CaseQueueName } from '@yiwang/contracts';
import { CASE_QUEUES } from '@yiwang/contracts/vocabulary';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../shell';
import { CaseList } from './case-list';
import { useCasesI18n } from './cases-messages';

const isQueue = (value: string | undefined): value is CaseQueueName =>
  (CASE_QUEUES as readonly string[]).includes(value ?? '');

/** One work queue's cases (`/cases/queue/:queue`), filterable like every case list. */
export function QueuePage() {
  const { queue } = useParams();
  const { t } = useCasesI18n();
  if (!isQueue(queue)) return <NotFoundPage />;
  return (
    <>
      <Link to="/cases/queues">{t('cases.toWorkbench')}</Link>
      <CaseList key={queue} title={`cases.queue.${queue}`} preset={{ queue }} testId="queue-list" />
    </>
  );
}
