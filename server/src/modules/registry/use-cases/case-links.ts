import type { CaseRegistryLink, CaseRegistryLinkKind, CreateCaseRegistryLinkBody, LinkedCase } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { WriteResult } from '../../../platform/write-result.js';
import { type AuditContext, recordAudit, recordSystemAudit } from '../../audit/index.js';
import { caseScopeOf, casesLookups, deskCaseScopeOf, isResidentOnly } from '../../cases/index.js';
import {
  boxAround,
  FACILITY_CLASSES_OF_MATTER,
  FACILITY_MATCH_RADIUS_M,
  facilityOfCase,
} from '../domain/case-facility-match.js';
import { registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { type CaseLinkRow, type LinkedRecord, registryLinksRepository } from '../registry-links.repository.js';

/** The case by its code, as the caller's desk scope sees it; out of scope: not found. */
async function caseIdOf(db: Executor, code: string, actor: Actor): Promise<string> {
  const { items } = await casesLookups.listInScope(db, { codes: [code] }, deskCaseScopeOf(actor), {
    limit: 1,
    offset: 0,
  });
  const found = items[0];
  if (!found) throw new DomainError('not-found');
  return found.case.id;
}

const presentLink = (row: CaseLinkRow, record: LinkedRecord): CaseRegistryLink => ({
  id: row.id,
  kind: row.recordKind,
  recordId: row.recordId,
  title: record.title,
  subtitle: record.subtitle,
  personId: record.personId,
  buildingId: record.buildingId,
  origin: row.origin,
  createdAt: row.createdAt.toISOString(),
});

async function describeLinks(db: Executor, rows: CaseLinkRow[], scopePath: string): Promise<CaseRegistryLink[]> {
  const kinds = [...new Set(rows.map((r) => r.recordKind))];
  const described = new Map<string, LinkedRecord>();
  for (const kind of kinds) {
    const ids = rows.filter((r) => r.recordKind === kind).map((r) => r.recordId);
    for (const [id, record] of await registryLinksRepository.describeRecords(db, kind, ids, scopePath)) {
      described.set(`${kind}:${id}`, record);
    }
  }
  return rows.flatMap((row) => {
    const record = described.get(`${row.recordKind}:${row.recordId}`);
    return record ? [presentLink(row, record)] : [];
  });
}

const namesPeople = (links: readonly { kind: CaseRegistryLinkKind }[]) =>
  links.some((l) => l.kind === 'person' || l.kind === 'household');

/**
 * A case's links to registry records: only where the caller sees both the case and the record.
 * Naming people (a person or a household linked), the view is audited.
 */
export async function listCaseLinks(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; code: string },
): Promise<CaseRegistryLink[]> {
  const { actor } = options;
  const caseId = await caseIdOf(deps.db, options.code, actor);
  const rows = await registryLinksRepository.activeLinksOfCase(deps.db, caseId, actor.scopePath);
  const items = await describeLinks(deps.db, rows, actor.scopePath);
  if (namesPeople(items)) {
    await recordAudit(deps.db, options.context, {
      action: 'registry.case-links.view',
      objectType: 'registry-case-link',
      objectId: caseId,
      details: {
        case: options.code,
        people: items.filter((l) => l.kind !== 'dwelling' && l.kind !== 'facility').length,
      },
    });
  }
  return items;
}

/**
 * 关联登记对象: a desk operator links a case to a person, household, dwelling or facility, both in
 * their scope (else not found). Linking what is linked already changes nothing. Audited.
 */
export async function linkCase(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; code: string; body: CreateCaseRegistryLinkBody },
): Promise<WriteResult<CaseRegistryLink>> {
  const { actor, body } = options;
  const caseId = await caseIdOf(deps.db, options.code, actor);
  const record = (
    await registryLinksRepository.describeRecords(deps.db, body.kind, [body.recordId], actor.scopePath)
  ).get(body.recordId);
  if (!record) throw new DomainError('not-found');
  return deps.db.transaction(async (tx) => {
    const { row, existing } = await registryLinksRepository.linkByHand(tx, {
      caseId,
      recordKind: body.kind,
      recordId: body.recordId,
      path: record.path,
      userId: actor.kind === 'user' ? actor.id : null,
    });
    if (!existing) {
      await recordAudit(tx, options.context, {
        action: 'registry.case-link.create',
        objectType: 'registry-case-link',
        objectId: row.id,
        scopePath: record.path,
        details: { case: options.code, kind: body.kind, recordId: body.recordId },
      });
    }
    return { kind: existing ? 'existing' : 'created', value: presentLink(row, record) };
  });
}

/** Removes a case's link (kept as removed: the automatic linker will not bring it back). Audited. */
export async function removeCaseLink(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; code: string; linkId: string; now: Date },
): Promise<void> {
  const { actor } = options;
  const caseId = await caseIdOf(deps.db, options.code, actor);
  await deps.db.transaction(async (tx) => {
    const link = await registryLinksRepository.lockActiveLink(tx, caseId, options.linkId, actor.scopePath);
    if (!link) throw new DomainError('not-found');
    await registryLinksRepository.removeLink(tx, link.id, actor.kind === 'user' ? actor.id : null, options.now);
    await recordAudit(tx, options.context, {
      action: 'registry.case-link.remove',
      objectType: 'registry-case-link',
      objectId: link.id,
      scopePath: link.path,
      details: { case: options.code, kind: link.recordKind, recordId: link.recordId, origin: link.origin },
    });
  });
}

/** The cases a registry reader may see: their case scope (a resident-only caller: none). */
const readableCases = (actor: Actor): ReturnType<typeof caseScopeOf> =>
  isResidentOnly(actor) ? { scopePath: actor.scopePath, none: true } : caseScopeOf(actor);

async function linkedCases(
  db: Executor,
  actor: Actor,
  records: { kind: CaseRegistryLinkKind; ids: readonly string[] }[],
): Promise<LinkedCase[]> {
  const links = await registryLinksRepository.casesLinkedTo(db, records, actor.scopePath);
  if (links.length === 0) return [];
  const via = new Map<string, CaseRegistryLinkKind>();
  for (const l of links) if (!via.has(l.caseId) || l.recordKind === 'person') via.set(l.caseId, l.recordKind);
  const { items } = await casesLookups.listInScope(db, { ids: [...via.keys()] }, readableCases(actor), {
    limit: 500,
    offset: 0,
  });
  return items.map((row) => ({
    code: row.case.code,
    matterName: row.matterName,
    matterNameEn: row.matterNameEn,
    state: row.case.state,
    createdAt: row.case.createdAt.toISOString(),
    via: via.get(row.case.id) ?? 'person',
  }));
}

/** The cases linked to a person or to their household, newest first (audited: it says who a case concerns). */
export async function casesOfPerson(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string },
): Promise<LinkedCase[]> {
  const { actor } = options;
  const person = await registryRepository.personInScope(deps.db, options.id, actor.scopePath);
  if (!person) throw new DomainError('not-found');
  const items = await linkedCases(deps.db, actor, [
    { kind: 'person', ids: [person.id] },
    { kind: 'household', ids: [person.householdId] },
  ]);
  await recordAudit(deps.db, options.context, {
    action: 'registry.case-links.view',
    objectType: 'registry-person',
    objectId: person.id,
    scopePath: person.path,
    details: { cases: items.length },
  });
  return items;
}

/** The cases linked to a building's dwellings or to the households living in them, newest first. */
export async function casesOfBuilding(
  deps: RegistryDeps,
  options: { actor: Actor; id: string },
): Promise<LinkedCase[]> {
  const { actor } = options;
  const building = await registryRepository.buildingInScope(deps.db, options.id, actor.scopePath);
  if (!building) throw new DomainError('not-found');
  const dwellingIds = (await registryRepository.dwellingsOfBuilding(deps.db, building.id)).map((d) => d.id);
  const householdIds = await registryLinksRepository.householdIdsOfDwellings(deps.db, dwellingIds);
  return linkedCases(deps.db, actor, [
    { kind: 'dwelling', ids: dwellingIds },
    { kind: 'household', ids: householdIds },
  ]);
}

/** The cases linked to a facility, newest first. */
export async function casesOfFacility(
  deps: RegistryDeps,
  options: { actor: Actor; id: string },
): Promise<LinkedCase[]> {
  const facility = await registryLinksRepository.facilityInScope(deps.db, options.id, options.actor.scopePath);
  if (!facility) throw new DomainError('not-found');
  return linkedCases(deps.db, options.actor, [{ kind: 'facility', ids: [facility.id] }]);
}

/**
 * The automatic linker: each facility-matter case reported since `since` that lies within a few
 * metres of exactly one facility of its class is linked to it (domain/case-facility-match.ts has
 * the rule and why the reporter's phone is not used). Idempotent: a link made or removed before
 * is left alone. One system audit row per link made.
 */
export async function linkCasesToFacilities(
  deps: RegistryDeps,
  options: { rootPath: string; since: Date },
): Promise<number> {
  let made = 0;
  for (const matterCode of Object.keys(FACILITY_CLASSES_OF_MATTER)) {
    const classes = FACILITY_CLASSES_OF_MATTER[matterCode] ?? [];
    const { items } = await casesLookups.listInScope(
      deps.db,
      { matterCode, reportedFrom: options.since },
      { scopePath: options.rootPath },
      { limit: 1000, offset: 0 },
    );
    for (const row of items) {
      const { lon, lat } = row.case;
      if (lon === null || lat === null) continue;
      const point = { lon, lat };
      const candidates = await registryLinksRepository.facilitiesInBox(
        deps.db,
        classes,
        boxAround(point, FACILITY_MATCH_RADIUS_M),
      );
      const facility = facilityOfCase({ matterCode, point }, candidates);
      if (!facility) continue;
      await deps.db.transaction(async (tx) => {
        const [link] = await registryLinksRepository.linkAutomatically(tx, [
          { caseId: row.case.id, recordKind: 'facility', recordId: facility.id, path: facility.path },
        ]);
        if (!link) return;
        made += 1;
        await recordSystemAudit(
          tx,
          { system: 'registry-case-links', requestId: null },
          {
            action: 'registry.case-link.create',
            objectType: 'registry-case-link',
            objectId: link.id,
            scopePath: facility.path,
            details: { case: row.case.code, kind: 'facility', recordId: facility.id, origin: 'automatic' },
          },
        );
      });
    }
  }
  return made;
}
