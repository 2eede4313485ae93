import type { DwellingUse, HouseholdRelation, HouseholdVisitBody, PersonInput, PersonTag } from '@yiwang/contracts';
import type { FieldProblem } from '../../../platform/errors.js';

/** One change a household visit (走访) brings, as the rule below sorts it. */
export type VisitChangeRequest =
  | { kind: 'add-member'; member: PersonInput; field: string }
  | { kind: 'move-out'; personId: string; movedOutOn: string; field: string }
  | { kind: 'dwelling-use'; use: DwellingUse; field: string }
  | { kind: 'tag'; personId: string; tag: PersonTag; field: string }
  | { kind: 'new-head'; personId: string; formerHeadRelation: HouseholdRelation; field: string }
  | { kind: 'id-number'; personId: string; idNumber: string; field: string };

export interface MemberFacts {
  id: string;
  relation: HouseholdRelation;
  movedOut: boolean;
}

/** The changes of a visit's body, in the order they are applied, each with the body field it came from. */
export function visitChangeRequests(body: HouseholdVisitBody): VisitChangeRequest[] {
  return [
    ...(body.newMembers ?? []).map((member, i) => ({ kind: 'add-member' as const, member, field: `newMembers.${i}` })),
    ...(body.movedOut ?? []).map((m, i) => ({ kind: 'move-out' as const, ...m, field: `movedOut.${i}` })),
    ...(body.dwellingUse ? [{ kind: 'dwelling-use' as const, use: body.dwellingUse, field: 'dwellingUse' }] : []),
    ...(body.tags ?? []).map((t, i) => ({ kind: 'tag' as const, ...t, field: `tags.${i}` })),
    ...(body.newHead ? [{ kind: 'new-head' as const, ...body.newHead, field: 'newHead' }] : []),
    ...(body.idNumbers ?? []).map((n, i) => ({ kind: 'id-number' as const, ...n, field: `idNumbers.${i}` })),
  ];
}

/**
 * The rule: what a worker sees on the spot and the household cannot dispute goes in at once —
 * a newborn or someone moving in (not as head), a member moving out (not the head), the
 * dwelling's use, a tag the worker is granted. What changes who the household is or whom a
 * record names — a new head, moving the head out, an ID number — waits for the community
 * desk's review and is applied on approval.
 */
export function needsReview(change: VisitChangeRequest, members: readonly MemberFacts[]): boolean {
  switch (change.kind) {
    case 'new-head':
    case 'id-number':
      return true;
    case 'move-out':
      return members.find((m) => m.id === change.personId)?.relation === 'head';
    case 'add-member':
    case 'dwelling-use':
    case 'tag':
      return false;
  }
}

/**
 * What is wrong with a visit's changes before anything is written: `confirmed` brings none,
 * `updated` at least one; every person named is a current member of this household; a new
 * member is never a head (that is a head change, reviewed); one change per person and kind.
 */
export function visitProblems(body: HouseholdVisitBody, members: readonly MemberFacts[]): FieldProblem[] {
  const changes = visitChangeRequests(body);
  const problems: FieldProblem[] = [];
  if (body.outcome === 'confirmed' && changes.length > 0)
    problems.push({ field: 'outcome', code: 'visit-confirmed-changes' });
  if (body.outcome === 'updated' && changes.length === 0) problems.push({ field: 'outcome', code: 'visit-no-changes' });
  const current = new Map(members.filter((m) => !m.movedOut).map((m) => [m.id, m]));
  const seen = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'add-member') {
      if (change.member.relation === 'head')
        problems.push({ field: `${change.field}.relation`, code: 'visit-new-member-head' });
      continue;
    }
    if (change.kind === 'dwelling-use') continue;
    if (!current.has(change.personId)) problems.push({ field: `${change.field}.personId`, code: 'visit-not-member' });
    const key = `${change.kind}:${change.personId}:${change.kind === 'tag' ? change.tag : ''}`;
    if (seen.has(key)) problems.push({ field: change.field, code: 'visit-duplicate-change' });
    seen.add(key);
    if (change.kind === 'new-head' && current.get(change.personId)?.relation === 'head') {
      problems.push({ field: `${change.field}.personId`, code: 'visit-already-head' });
    }
    if (change.kind === 'new-head' && change.formerHeadRelation === 'head') {
      problems.push({ field: `${change.field}.formerHeadRelation`, code: 'visit-new-member-head' });
    }
  }
  return problems;
}
