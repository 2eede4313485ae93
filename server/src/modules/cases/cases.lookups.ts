import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/http.js';
import { caseScopeOf } from './case-scope.js';
import { casesRepository } from './cases.repository.js';

/** Who may read only the cases they reported; with the reads below, what photos need of cases. */
export { isResidentOnly } from './case-scope.js';

/** The cases module's reads other modules may make (only the cases module writes its tables). */
export const casesLookups = {
  listInScope: casesRepository.listInScope,
  /** Whether the caller may read the case, by the cases' scope rules (caseScopeOf). */
  readableBy: (db: Executor, caseId: string, actor: Actor): Promise<boolean> =>
    casesRepository.existsInScope(db, caseId, caseScopeOf(actor)),
};
