import { decryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { statedPurpose } from '../../audit/index.js';
import type { CaseDeps } from '../case-deps.js';
import { caseReportsRepository } from '../case-reports.repository.js';
import { caseScopeOf } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';

/**
 * A reporter's full phone number, for a stated purpose (回访 callback, 核实 checking the
 * report): written to the audit log with the purpose before it is returned.
 */
export async function revealReporterPhone(
  deps: CaseDeps,
  actor: Actor,
  context: AuditContext,
  input: { code: string; reportId: string; purpose: string },
): Promise<{ phone: string }> {
  const purpose = statedPurpose(input.purpose);
  const row = await casesRepository.findInScope(deps.db, input.code, caseScopeOf(actor));
  if (!row) throw new DomainError('not-found');
  const report = await caseReportsRepository.findReport(deps.db, row.id, input.reportId);
  if (!report?.reporterPhoneSealed) throw new DomainError('not-found');
  const phone = decryptSecret(deps.secretKey, report.reporterPhoneSealed);
  await deps.db.transaction((tx) =>
    deps.audit(tx, context, {
      action: 'case.reporter-phone.reveal',
      objectType: 'case-report',
      objectId: report.id,
      scopePath: row.path,
      details: { case: row.code, purpose },
    }),
  );
  return { phone };
}
