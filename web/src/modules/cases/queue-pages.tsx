import type { CaseQueueName } from '@yiwang/contracts';
import { CASE_QUEUES } from '@yiwang/contracts/vocabulary';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../shell';
import { CaseList } from './case-list';
import { useCasesI18n } from './cases-messages';

const isQueue = (value: string | undefined): value is CaseQueueName =>
  (CASE_QUEUES as readonly string[]).includes(value ?? '');

/**
 * One work queue's cases (`/cases/queue/:queue`), filterable like every case list;
 * `/cases/queue/intake?possibleDuplicate=true` those with a possible duplicate.
 */
export function QueuePage() {
  const { queue } = useParams();
  const [params] = useSearchParams();
  const { t } = useCasesI18n();
  if (!isQueue(queue)) return <NotFoundPage />;
  // The workbench's 疑似重复: the intake queue's cases with a possible duplicate.
  const possibleDuplicate = queue === 'intake' && params.get('possibleDuplicate') === 'true';
  return (
    <>
      <Link to="/cases/queues">{t('cases.toWorkbench')}</Link>
      <CaseList
        key={`${queue}:${possibleDuplicate}`}
        title={possibleDuplicate ? 'cases.wb.possibleDuplicates' : `cases.queue.${queue}`}
        preset={possibleDuplicate ? { queue, possibleDuplicate } : { queue }}
        testId="queue-list"
      />
    </>
  );
}
