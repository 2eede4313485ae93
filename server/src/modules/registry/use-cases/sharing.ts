import type {
  CreateSharingGrantBody,
  CreateTagGrantBody,
  SharedRecords,
  SharingGrant,
  TagGrant,
} from '@yiwang/contracts';
import {
  type Locale,
  REGISTRY_RECORD_KIND_LABELS,
  SHAREABLE_FIELD_LABELS,
  SHAREABLE_FIELDS,
  type ShareableField,
  type SharedRecordKind,
  sharedFieldText,
} from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, checkExportSize, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { unitsLookups } from '../../units/index.js';
import { grantedFields } from '../domain/field-access.js';
import { presentPerson } from '../present-registry.js';
import { registryRepository, type SharingGrantRow, type TagGrantRow } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { changedBy } from './create-places.js';

const presentTagGrant = (row: TagGrantRow): TagGrant => ({
  id: row.id,
  tag: row.tag,
  role: row.role,
  unitId: row.unitId,
  createdAt: row.createdAt.toISOString(),
});

const presentSharingGrant = (row: SharingGrantRow): SharingGrant => ({
  id: row.id,
  unitId: row.unitId,
  recordKind: row.recordKind as SharingGrant['recordKind'],
  fields: row.fields,
  tag: row.tag,
  purpose: row.purpose,
  validUntil: row.validUntil,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function listTagGrants(deps: RegistryDeps): Promise<TagGrant[]> {
  return (await registryRepository.listTagGrants(deps.db)).map(presentTagGrant);
}

/** Grants a role or a unit the sight of a tag (admins; audited). */
export async function createTagGrant(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateTagGrantBody },
): Promise<TagGrant> {
  const { body } = options;
  if ((body.role === undefined) === (body.unitId === undefined)) {
    throw new DomainError('validation', {}, [{ field: 'role', code: 'role-or-unit' }]);
  }
  if (body.unitId && !(await unitsLookups.findById(deps.db, body.unitId))) throw new DomainError('not-found');
  return deps.db.transaction(async (tx) => {
    const [row] = await registryRepository.insertTagGrants(tx, [
      { tag: body.tag, role: body.role ?? null, unitId: body.unitId ?? null, grantedBy: changedBy(options.actor) },
    ]);
    if (!row) throw new Error('tag grant not inserted');
    await recordAudit(tx, options.context, {
      action: 'registry.tag-grant.create',
      objectType: 'registry-tag-grant',
      objectId: row.id,
      scopePath: null,
      details: { tag: row.tag, role: row.role, unitId: row.unitId },
    });
    return presentTagGrant(row);
  });
}

export async function revokeTagGrant(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string; now: Date },
): Promise<TagGrant> {
  return deps.db.transaction(async (tx) => {
    const row = await registryRepository.revokeTagGrant(tx, options.id, options.now);
    if (!row) throw new DomainError('not-found');
    await recordAudit(tx, options.context, {
      action: 'registry.tag-grant.revoke',
      objectType: 'registry-tag-grant',
      objectId: row.id,
      scopePath: null,
      details: { tag: row.tag, role: row.role, unitId: row.unitId },
    });
    return presentTagGrant(row);
  });
}

/** The data-sharing catalog: every grant (admins), or my unit's (a department). */
export async function listSharingGrants(
  deps: RegistryDeps,
  options: { all: boolean; unitId: string | null },
): Promise<SharingGrant[]> {
  // A department sees its own unit's grants; an account without a unit has none.
  if (!options.all && !options.unitId) return [];
  return (await registryRepository.listSharingGrants(deps.db, options.all ? null : options.unitId)).map(
    presentSharingGrant,
  );
}

/** Adds a grant to the catalog: a unit × record kind × fields × purpose × until (admins; audited). */
export async function createSharingGrant(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateSharingGrantBody; now: Date },
): Promise<SharingGrant> {
  const { body } = options;
  const known: readonly string[] = SHAREABLE_FIELDS[body.recordKind];
  const problems = body.fields
    .map((field, i) => ({ field, i }))
    .filter(({ field }) => !known.includes(field))
    .map(({ i }) => ({ field: `fields.${i}`, code: 'registry-field-unknown', params: { fields: known.join(', ') } }));
  if (body.tag && body.recordKind !== 'person')
    problems.push({ field: 'tag', code: 'registry-tag-person-only', params: { fields: '' } });
  if (body.validUntil < options.now.toISOString().slice(0, 10))
    problems.push({ field: 'validUntil', code: 'not-past', params: { fields: '' } });
  if (problems.length > 0) throw new DomainError('validation', {}, problems);
  if (!(await unitsLookups.findById(deps.db, body.unitId))) throw new DomainError('not-found');
  return deps.db.transaction(async (tx) => {
    const row = await registryRepository.insertSharingGrant(tx, {
      unitId: body.unitId,
      recordKind: body.recordKind,
      fields: [...new Set(body.fields)],
      tag: body.tag ?? null,
      purpose: body.purpose.trim(),
      validUntil: body.validUntil,
      grantedBy: changedBy(options.actor),
    });
    await recordAudit(tx, options.context, {
      action: 'registry.sharing-grant.create',
      objectType: 'registry-sharing-grant',
      objectId: row.id,
      scopePath: null,
      details: {
        unitId: row.unitId,
        recordKind: row.recordKind,
        fields: row.fields,
        tag: row.tag,
        purpose: row.purpose,
        validUntil: row.validUntil,
      },
    });
    return presentSharingGrant(row);
  });
}

export async function revokeSharingGrant(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string; now: Date },
): Promise<SharingGrant> {
  return deps.db.transaction(async (tx) => {
    const row = await registryRepository.revokeSharingGrant(tx, options.id, options.now);
    if (!row) throw new DomainError('not-found');
    await recordAudit(tx, options.context, {
      action: 'registry.sharing-grant.revoke',
      objectType: 'registry-sharing-grant',
      objectId: row.id,
      scopePath: null,
      details: { unitId: row.unitId, recordKind: row.recordKind },
    });
    return presentSharingGrant(row);
  });
}

/** People in scope (with the grant's tag, if it names one), flattened to the catalog's person fields, masked. */
async function sharedPeople(
  deps: RegistryDeps,
  options: { scopePath: string; limit: number; offset: number; tag: SharingGrantRow['tag']; unitId: string },
): Promise<Record<string, unknown>[]> {
  const people = await registryRepository.peopleWithAddress(deps.db, options);
  const tags = await registryRepository.tagsOfPeople(
    deps.db,
    people.map((p) => p.id),
  );
  // A unit's tag grants (and the grant's own tag) decide which of a person's tags its `tags` field shows.
  const granted = await registryRepository.grantedTags(deps.db, [], options.unitId);
  return people.map((p) => {
    const presented = presentPerson(
      p,
      p.address,
      (tags.get(p.id) ?? []).filter((t) => granted.has(t) || t === options.tag),
    );
    return {
      id: p.id,
      name: presented.name,
      sex: presented.sex,
      birthDate: presented.birthDate,
      idNumber: presented.idNumberMasked,
      phone: presented.phoneMasked,
      residence: presented.residence,
      address: presented.address,
      householdRelation: presented.relation,
      tags: presented.tags ?? [],
    };
  });
}

/**
 * The records of a grant in force of the reader's unit: of the grant's kind, in the reader's
 * scope (only those carrying the grant's tag, if it names one), each with exactly the granted
 * fields (`grantedFields`: a field outside the grant is absent). Another unit's grant, or one
 * revoked or past its date: 404.
 */
async function recordsThroughGrant(
  deps: RegistryDeps,
  options: { actor: Actor; grantId: string; limit: number; offset: number; now: Date },
): Promise<{ grant: SharingGrantRow; items: Record<string, unknown>[] }> {
  const { actor } = options;
  if (!actor.unitId) throw new DomainError('not-found');
  const grant = await registryRepository.sharingGrantInForce(
    deps.db,
    options.grantId,
    actor.unitId,
    options.now.toISOString().slice(0, 10),
  );
  if (!grant) throw new DomainError('not-found');
  const page = { scopePath: actor.scopePath, limit: options.limit, offset: options.offset };
  const records =
    grant.recordKind === 'person'
      ? await sharedPeople(deps, { ...page, tag: grant.tag, unitId: actor.unitId })
      : await registryRepository.sharedRecordsOf(
          deps.db,
          grant.recordKind as Exclude<SharingGrant['recordKind'], 'person'>,
          page,
        );
  return { grant, items: records.map((record) => grantedFields(record, grant.fields)) };
}

/** What a department reads through one of its unit's grants; every read audited with the grant's purpose. */
export async function readSharedRecords(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; grantId: string; limit: number; offset: number; now: Date },
): Promise<SharedRecords> {
  const { grant, items } = await recordsThroughGrant(deps, options);
  await deps.db.transaction((tx) =>
    recordAudit(tx, options.context, {
      action: 'registry.shared.read',
      objectType: 'registry-sharing-grant',
      objectId: grant.id,
      details: { purpose: grant.purpose, recordKind: grant.recordKind, fields: grant.fields, records: items.length },
    }),
  );
  return { grant: presentSharingGrant(grant), items };
}

/**
 * A department's whole view through one grant as an Excel list (民政's elderly living alone, 公安's
 * floating population…): derived from the same records, exactly the granted fields as columns,
 * capped, audited with the grant's purpose — nobody types the list again.
 */
export async function exportSharedRecords(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; grantId: string; locale: Locale; maxRows: number; now: Date },
): Promise<{ bytes: Buffer; grant: SharingGrant }> {
  const { grant, items } = await recordsThroughGrant(deps, { ...options, limit: options.maxRows + 1, offset: 0 });
  checkExportSize(items.length, options.maxRows);
  const kind = grant.recordKind as SharedRecordKind;
  const columns: ColumnSpec<Record<string, unknown>>[] = grant.fields.map((field) => ({
    header: SHAREABLE_FIELD_LABELS[field as ShareableField] ?? { 'zh-CN': field, 'en-US': field },
    width: field === 'address' ? 40 : 16,
    value: (row, locale) => sharedFieldText(kind, field, row[field], locale),
  }));
  const bytes = await writeWorkbook(
    [sheetOf({ title: REGISTRY_RECORD_KIND_LABELS[kind], columns, rows: items })],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.shared.export',
    objectType: 'registry-sharing-grant',
    objectId: grant.id,
    details: { purpose: grant.purpose, recordKind: grant.recordKind, fields: grant.fields, records: items.length },
  });
  return { bytes, grant: presentSharingGrant(grant) };
}
