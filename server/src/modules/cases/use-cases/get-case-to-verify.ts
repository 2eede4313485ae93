import type { CasePhotoRef, CaseToVerify } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { caseReportsRepository } from '../case-reports.repository.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';
import { presentCaseSummary } from '../present-case.js';

const photoRef = (id: string): CasePhotoRef => ({
  id,
  imageUrl: `/api/photos/${id}/image`,
  thumbnailUrl: `/api/photos/${id}/thumbnail`,
});

/**
 * The case as the verifier needs it on site: the report's photos beside the handling unit's
 * feedback and photos, so "is it really done?" is judged against both. Read in the caller's
 * case scope (out of scope: 404, like an unknown code); the photos are readable exactly when
 * the case is.
 */
export async function getCaseToVerify(db: Executor, actor: Actor, code: string): Promise<CaseToVerify> {
  const row = await casesRepository.findInScope(db, code, deskCaseScopeOf(actor));
  if (!row) throw new DomainError('not-found');
  const [summary, reports] = await Promise.all([
    casesRepository.summaryById(db, row.id),
    caseReportsRepository.reportsOf(db, row.id),
  ]);
  if (!summary) throw new DomainError('not-found');
  const reportPhotoIds = [...new Set(reports.flatMap((r) => r.photoIds))];
  const feedback = row.snapshot.feedback;
  const presented = presentCaseSummary(summary);
  return {
    case: presented,
    reportPhotos: reportPhotoIds.map(photoRef),
    feedback: feedback && {
      text: feedback.text,
      at: feedback.at,
      unit: presented.assignedUnit,
      photos: feedback.photoIds.map(photoRef),
    },
  };
}
