import type { Executor } from '../../db/client.js';
import { caseReportsRepository } from './case-reports.repository.js';

/**
 * Keeps on a report the link to the reporter's own picture elsewhere (Open311's media_url),
 * written by open311's submit in the intake's transaction, just after the report.
 */
export function setReportMediaUrl(tx: Executor, reportId: string, mediaUrl: string): Promise<void> {
  return caseReportsRepository.setMediaUrl(tx, reportId, mediaUrl);
}
