import { randomUUID } from 'node:crypto';
import {
  type DecideReviewBody,
  DWELLING_USE_LABELS,
  HOUSEHOLD_RELATION_LABELS,
  HOUSEHOLD_RELATIONS,
  type HouseholdList,
  type HouseholdPage,
  type HouseholdVisit,
  type HouseholdVisitBody,
  PERSON_TAGS,
  type VisitReview,
  type VisitReviewState,
} from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { gridsLookups } from '../../grids/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { staffingLookups } from '../../staffing/index.js';
import { idNumberProblem, maskIdNumber } from '../domain/id-number.js';
import { type MemberFacts, needsReview, visitChangeRequests, visitProblems } from '../domain/visit-changes.js';
import { presentDwelling, presentPerson, presentVisit } from '../present-registry.js';
import { keepPreviousState } from '../record-history.js';
import { type PersonRow, registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { idNumberIndexes, sealIdNumber, unseal } from '../registry-secrets.js';
import { registryVisitsRepository, type VisitReviewRow } from '../registry-visits.repository.js';
import type { StoredVisitChange } from '../registry-visits.tables.js';
import { changedBy, updateDwelling } from './create-places.js';
import { assertOneHead, insertMembers, updatePerson } from './households.js';
import { tagsGrantedTo } from './read-pages.js';
import { tagPerson } from './reveal-person-field.js';

const LIST_LIMIT = 200;

/**
 * Where a caller may visit: a grid worker the grids whose post they hold (their scope is the
 * community, their work is their grids); anyone else their whole scope.
 */
async function visitPaths(db: Executor, actor: Actor): Promise<string[]> {
  if (!actor.roles.includes('grid_worker')) return [actor.scopePath];
  const posts = await staffingLookups.postsInScope(db, actor.scopePath, { role: 'grid_worker' });
  const codes = posts.filter((p) => p.post.holderUserId === actor.id).map((p) => p.post.gridCode);
  return (await gridsLookups.findCurrentByCodes(db, codes)).map((g) => g.path);
}

/** A household of the caller's visit paths, else undefined (404 to the caller). */
async function visitableHousehold(db: Executor, actor: Actor, id: string) {
  const household = await registryRepository.householdInScope(db, id, actor.scopePath);
  const paths = await visitPaths(db, actor);
  return household && paths.some((p) => isPathWithin(household.path, p)) ? household : undefined;
}

/** The households of my grids, for the worker app (address, head, members, last visit); searched by address or name. */
export async function listHouseholds(
  deps: RegistryDeps,
  options: { actor: Actor; q?: string | undefined; limit?: number | undefined },
): Promise<HouseholdList> {
  const rows = await registryVisitsRepository.householdsInScope(deps.db, {
    scopePaths: await visitPaths(deps.db, options.actor),
    q: options.q,
    limit: options.limit ?? LIST_LIMIT,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      address: r.address,
      headName: r.head_name,
      members: r.members,
      lastVisitedAt: r.last_visited_at ? new Date(r.last_visited_at).toISOString() : null,
    })),
  };
}

/** A household page: members (masked), dwelling, visits, and the history of its members and dwelling. Out of scope: 404. */
export async function getHouseholdPage(
  deps: RegistryDeps,
  options: { actor: Actor; id: string },
): Promise<HouseholdPage> {
  const household = await visitableHousehold(deps.db, options.actor, options.id);
  if (!household) throw new DomainError('not-found');
  const dwelling = await registryRepository.dwellingInScope(deps.db, household.dwellingId, options.actor.scopePath);
  if (!dwelling) throw new DomainError('not-found');
  const address = (await registryRepository.addressesByIds(deps.db, [dwelling.addressId])).get(dwelling.addressId);
  const text = address?.text ?? '';
  const people = await registryRepository.peopleOfHouseholds(deps.db, [household.id]);
  const visits = await registryVisitsRepository.visitsOfHousehold(deps.db, household.id);
  const granted = await tagsGrantedTo(deps.db, options.actor);
  const history = await registryVisitsRepository.historyOfRecords(deps.db, [
    { kind: 'person', ids: people.map((p) => p.id) },
    { kind: 'dwelling', ids: [dwelling.id] },
  ]);
  return {
    household: {
      id: household.id,
      kind: household.kind,
      dwellingId: dwelling.id,
      address: text,
      members: people.map((p) => presentPerson(p, text)),
      version: household.version,
    },
    dwelling: presentDwelling(dwelling, text),
    visits: visits.map(presentVisit),
    history: history.map((h) => ({
      recordKind: h.recordKind,
      recordId: h.recordId,
      version: h.version,
      state: h.state,
      validFrom: h.validFrom.toISOString(),
      validTo: h.validTo.toISOString(),
      visitId: h.visitId,
    })),
    grantedTags: PERSON_TAGS.filter((tag) => granted.has(tag)),
  };
}

/**
 * Records a household visit (走访) of a household of my grids (others: 404), once per
 * Idempotency-Key: the outbox's replay of the same visit answers the first result and changes
 * nothing. Changes the rule lets through (domain/visit-changes.ts) are applied here, each
 * change's ended state kept in history with this visit as its source; the others wait in the
 * community desk's review list. All of it in one transaction: never half a visit.
 */
export async function recordHouseholdVisit(
  deps: RegistryDeps,
  options: {
    actor: Actor;
    context: AuditContext;
    householdId: string;
    body: HouseholdVisitBody;
    now: Date;
    idempotency?: IdempotencyClaim | undefined;
  },
): Promise<IdempotentOutcome<HouseholdVisit>> {
  const { actor, context, body, now } = options;
  const visitedAt = new Date(body.visitedAt);
  if (visitedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new DomainError('validation', {}, [{ field: 'visitedAt', code: 'not-future' }]);
  }
  return runIdempotent(deps.db, options.idempotency, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const household = await visitableHousehold(tx, actor, options.householdId);
    if (!household) throw new DomainError('not-found');
    const members = await registryRepository.lockMembers(tx, household.id);
    const facts: MemberFacts[] = members.map((m) => ({
      id: m.id,
      relation: m.relation,
      movedOut: m.movedOutOn !== null,
    }));
    const problems = visitProblems(body, facts);
    for (const [i, entry] of (body.idNumbers ?? []).entries()) {
      const problem = idNumberProblem(entry.idNumber);
      if (problem) problems.push({ field: `idNumbers.${i}.idNumber`, code: `id-number-${problem}` });
    }
    if (problems.length > 0) throw new DomainError('validation', {}, problems);

    const visitId = randomUUID();
    const nameOf = new Map(members.map((m) => [m.id, m.name]));
    const changes: StoredVisitChange[] = [];
    const reviews: Parameters<typeof registryVisitsRepository.insertReviews>[1] = [];
    const personIds = new Set<string>();
    const requests = visitChangeRequests(body);
    const newMembers = requests.flatMap((c) => (c.kind === 'add-member' ? [c.member] : []));
    if (newMembers.length > 0) {
      assertOneHead([...facts, ...newMembers.map((m) => ({ id: '', relation: m.relation, movedOut: false }))]);
      const fields = requests.findIndex((c) => c.kind === 'add-member');
      const added = await insertMembers(tx, txDeps, household, newMembers, { actor, firstField: fields });
      for (const person of added) {
        personIds.add(person.id);
        const relation = HOUSEHOLD_RELATION_LABELS[person.relation]['zh-CN'];
        changes.push({
          kind: 'add-member',
          personId: person.id,
          summary: `${person.name}（${relation}，${person.birthDate}）`,
          applied: true,
          reviewId: null,
        });
      }
    }
    for (const change of requests) {
      if (change.kind === 'add-member') continue;
      if (change.kind === 'dwelling-use') {
        const dwelling = await registryRepository.dwellingInScope(tx, household.dwellingId, actor.scopePath);
        if (!dwelling) throw new DomainError('not-found');
        if (dwelling.use === change.use) continue;
        await updateDwelling(txDeps, { actor, context, id: dwelling.id, body: { use: change.use }, now, visitId });
        const label = (use: typeof change.use) => DWELLING_USE_LABELS[use]['zh-CN'];
        changes.push({
          kind: 'dwelling-use',
          personId: null,
          summary: `${label(dwelling.use)} → ${label(change.use)}`,
          applied: true,
          reviewId: null,
        });
        continue;
      }
      personIds.add(change.personId);
      const who = nameOf.get(change.personId) ?? '';
      if (needsReview(change, facts)) {
        const reviewId = randomUUID();
        const summary =
          change.kind === 'new-head'
            ? `${who} 任户主`
            : change.kind === 'id-number'
              ? `${who} 身份证号 ${maskIdNumber(change.idNumber)}`
              : `${who}（户主）迁出 ${change.kind === 'move-out' ? change.movedOutOn : ''}`;
        reviews.push({
          id: reviewId,
          visitId,
          householdId: household.id,
          personId: change.personId,
          kind: change.kind,
          summary,
          formerHeadRelation: change.kind === 'new-head' ? change.formerHeadRelation : null,
          idNumberSealed:
            change.kind === 'id-number' ? sealIdNumber(deps.secretKey, change.idNumber).idNumberSealed : null,
          path: household.path,
        });
        changes.push({ kind: change.kind, personId: change.personId, summary, applied: false, reviewId });
      } else if (change.kind === 'move-out') {
        await updatePerson(txDeps, {
          actor,
          context,
          id: change.personId,
          body: { movedOutOn: change.movedOutOn },
          now,
          visitId,
        });
        changes.push({
          kind: 'move-out',
          personId: change.personId,
          summary: `${who} 迁出 ${change.movedOutOn}`,
          applied: true,
          reviewId: null,
        });
      } else if (change.kind === 'tag') {
        await tagPerson(txDeps, { actor, context, id: change.personId, tag: change.tag });
        // The tag itself is sensitive: the visit keeps that one was added, the person's record which.
        changes.push({ kind: 'tag', personId: change.personId, summary: `${who} 标签`, applied: true, reviewId: null });
      }
    }
    const visit = await registryVisitsRepository.insertVisit(tx, {
      id: visitId,
      householdId: household.id,
      dwellingId: household.dwellingId,
      userId: actor.id,
      visitedAt,
      outcome: body.outcome,
      note: body.note?.trim() || null,
      changes,
      personIds: [...personIds],
      path: household.path,
    });
    await registryVisitsRepository.insertReviews(tx, reviews);
    await recordAudit(tx, context, {
      action: 'registry.visit.record',
      objectType: 'registry-household',
      objectId: household.id,
      scopePath: household.path,
      details: {
        visit: visit.id,
        outcome: body.outcome,
        applied: changes.filter((c) => c.applied).length,
        review: reviews.length,
      },
    });
    return { kind: 'created', value: presentVisit({ ...visit, visitedBy: actor.label }) };
  });
}

const presentReview = (r: VisitReviewRow & { address: string; visitedAt: Date | string }): VisitReview => ({
  id: r.id,
  visitId: r.visitId,
  householdId: r.householdId,
  address: r.address,
  kind: r.kind,
  personId: r.personId,
  summary: r.summary,
  state: r.state,
  visitedAt: new Date(r.visitedAt).toISOString(),
  decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
});

/** The review list of visit changes in my scope (the community desk's), pending first by default. */
export async function listVisitReviews(
  deps: RegistryDeps,
  options: { actor: Actor; state?: VisitReviewState | undefined },
): Promise<VisitReview[]> {
  const rows = await registryVisitsRepository.reviewsInScope(
    deps.db,
    options.actor.scopePath,
    options.state ?? 'pending',
  );
  return rows.map(presentReview);
}

/**
 * Approves (applies) or rejects a visit's change waiting for review. Applied as the rule says:
 * a new head swaps with the old one (exactly one head after), an ID number is checked against
 * everyone's (a clash is a 409, never a merge), the head moving out leaves exactly one head or none.
 */
export async function decideVisitReview(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string; body: DecideReviewBody; now: Date },
): Promise<VisitReview> {
  const { actor, context, now } = options;
  await deps.db.transaction(async (tx) => {
    const txDeps = { ...deps, db: tx };
    const review = await registryVisitsRepository.lockReviewInScope(tx, options.id, actor.scopePath);
    if (!review) throw new DomainError('not-found');
    if (review.state !== 'pending') throw new DomainError('visit-review-decided');
    if (options.body.decision === 'approved' && review.personId) {
      await applyReviewed(txDeps, { ...review, personId: review.personId }, { actor, context, now });
      await registryVisitsRepository.markChangeApplied(tx, review.visitId, review.id);
    }
    await registryVisitsRepository.decideReview(tx, review.id, {
      state: options.body.decision,
      decidedBy: changedBy(actor),
      decidedAt: now,
      decisionNote: options.body.note ?? null,
    });
    await recordAudit(tx, context, {
      action: 'registry.review.decide',
      objectType: 'registry-household',
      objectId: review.householdId,
      scopePath: review.path,
      details: { review: review.id, visit: review.visitId, kind: review.kind, decision: options.body.decision },
    });
  });
  const [decided] = (await listVisitReviews(deps, { actor })).filter((r) => r.id === options.id);
  if (decided) return decided;
  const all = await registryVisitsRepository.reviewsInScope(deps.db, actor.scopePath, undefined);
  const row = all.find((r) => r.id === options.id);
  if (!row) throw new DomainError('not-found');
  return presentReview(row);
}

async function applyReviewed(
  deps: RegistryDeps,
  review: VisitReviewRow & { personId: string },
  options: { actor: Actor; context: AuditContext; now: Date },
): Promise<void> {
  const { actor, context, now } = options;
  const visitId = review.visitId;
  if (review.kind === 'move-out') {
    const movedOutOn = /迁出 (\d{4}-\d{2}-\d{2})/.exec(review.summary)?.[1] ?? now.toISOString().slice(0, 10);
    await updatePerson(deps, { actor, context, id: review.personId, body: { movedOutOn }, now, visitId });
    return;
  }
  const members = await registryRepository.lockMembers(deps.db, review.householdId);
  const person = members.find((m) => m.id === review.personId && m.movedOutOn === null);
  if (!person) throw new DomainError('not-found');
  const change = async (before: PersonRow, patch: Partial<PersonRow>) => {
    const after = await registryRepository.updatePerson(deps.db, before.id, before.version, {
      ...patch,
      updatedBy: changedBy(actor),
      updatedAt: now,
    });
    if (!after) throw new DomainError('registry-record-changed');
    await keepPreviousState(deps.db, 'person', before, { endedBy: changedBy(actor), now, visitId });
    await recordAudit(deps.db, context, {
      action: 'registry.update',
      objectType: 'registry-person',
      objectId: after.id,
      scopePath: after.path,
      details: { version: after.version, changed: Object.keys(patch), visit: visitId },
    });
  };
  if (review.kind === 'id-number') {
    if (!review.idNumberSealed) throw new DomainError('not-found');
    const idNumber = unseal(deps.secretKey, review.idNumberSealed);
    if ((await registryRepository.takenIdIndexes(deps.db, idNumberIndexes(deps.secretKey, idNumber))).size > 0) {
      throw new DomainError('person-id-number-exists');
    }
    await change(person, sealIdNumber(deps.secretKey, idNumber));
    return;
  }
  // new-head: the old head steps down first (the database holds at most one current head), then the new one steps up.
  const oldHead = members.find((m) => m.relation === 'head' && m.movedOutOn === null);
  const former = HOUSEHOLD_RELATIONS.find((r) => r === review.formerHeadRelation) ?? 'other';
  if (oldHead) await change(oldHead, { relation: former });
  await change(person, { relation: 'head' });
}
