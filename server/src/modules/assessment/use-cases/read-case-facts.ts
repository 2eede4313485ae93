import type { Executor } from '../../../db/client.js';
import { assessmentRepository } from '../assessment.repository.js';
import { type CaseFacts, caseFactsOf } from '../domain/case-facts.js';
import type { IndicatorWindow } from '../domain/indicators.js';
import type { Period } from '../domain/periods.js';

/** The window of a period read at `now`: a period still running is read as of now. */
export const windowOf = (period: Period, now: Date): IndicatorWindow => ({
  from: period.from,
  to: period.to,
  asOf: now.getTime() < period.to.getTime() ? now : period.to,
});

/** The facts of the scope's cases that can count in the window, folded from the domain event log. */
export async function readCaseFacts(db: Executor, scopePath: string, window: IndicatorWindow): Promise<CaseFacts[]> {
  const histories = await assessmentRepository.caseHistoriesInScope(db, { scopePath, ...window });
  return histories.map((h) => caseFactsOf(h.header, h.events));
}
