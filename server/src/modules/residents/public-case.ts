import type { PublicCaseState, PublicStep } from '@yiwang/contracts';
import { assertUnreachable } from '../../platform/errors.js';
import type { CaseState } from '../cases/index.js';

/**
 * What the public may learn of a case's progress: plain states and the steps of its
 * timeline, with no people, units, notes or reasons. Pure, so the wording rules are
 * tested without a database.
 */

export function publicStateOf(state: CaseState): PublicCaseState {
  switch (state) {
    case 'reported':
      return 'submitted';
    case 'registered':
      return 'registered';
    case 'dispatched':
    case 'accepted':
    case 'returned':
      return 'in_progress';
    case 'handled':
      return 'checking';
    case 'on_hold':
      return 'on_hold';
    case 'closed':
    case 'rated':
    case 'archived':
      return 'resolved';
    case 'voided':
      return 'not_accepted';
    default:
      return assertUnreachable(state);
  }
}

/** Once closed (verified on site), the unit's feedback may be shown. */
export const isResolved = (state: CaseState) => publicStateOf(state) === 'resolved';

/**
 * The public step of a timeline event, or null for steps that stay inside the
 * government (returns and their review, supervision, extensions, the whistle, arrivals).
 */
export function publicStepOf(eventType: string): PublicStep | null {
  switch (eventType) {
    case 'reported':
      return 'submitted';
    case 'report_merged':
    case 'cases_merged':
      return 'merged';
    case 'registered':
      return 'registered';
    case 'voided':
      return 'not_accepted';
    case 'dispatched':
    case 'redispatched':
      return 'dispatched';
    case 'accepted':
      return 'accepted';
    case 'escalated':
      return 'escalated';
    case 'held':
      return 'on_hold';
    case 'resumed':
      return 'resumed';
    case 'feedback_submitted':
      return 'handled';
    case 'verification_failed':
      return 'rework';
    case 'verification_passed':
      return 'verified';
    case 'closed':
      return 'closed';
    case 'rated':
      return 'rated';
    case 'reopened':
      return 'reopened';
    case 'archived':
      return 'archived';
    default:
      return null;
  }
}

/** The public timeline: public steps in order, a repeat of the same step at the same moment shown once. */
export function publicTimeline(events: readonly { type: string; at: Date }[]): { step: PublicStep; at: string }[] {
  const steps: { step: PublicStep; at: string }[] = [];
  for (const event of events) {
    const step = publicStepOf(event.type);
    if (!step) continue;
    const at = event.at.toISOString();
    const last = steps.at(-1);
    if (last && last.step === step && last.at === at) continue;
    steps.push({ step, at });
  }
  return steps;
}
