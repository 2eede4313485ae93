import type { EventClass, FacilityClass, Matter as MatterView } from '@yiwang/contracts';
import type { MatterRow, NewMatterRow } from './catalog.repository.js';
import type { EscalationRule } from './catalog.tables.js';
import type { Matter } from './data/matter.js';

/**
 * A matter as the database keeps it: the catalog's rules (data/matter.ts) plus its version,
 * validity, automatic-escalation rule and whether it can still be reported.
 */
export type CatalogMatter = Matter & {
  readonly version: number;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  readonly escalation: EscalationRule | null;
  readonly active: boolean;
};

/**
 * The escalation rule a seeded matter starts with: an urgent matter (a hazard now) below
 * the city level goes one level up two working hours after its limit expired; others
 * only on a person's decision. Administrators change it per matter.
 */
export function defaultEscalationFor(matter: Matter): EscalationRule | null {
  return matter.limitClass === 'urgent' && matter.handlingLevel !== 'city' ? { afterOverdueHours: 2 } : null;
}

export function matterFromRow(row: MatterRow): CatalogMatter {
  const base = {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    category: row.category,
    // Department codes are checked against the units table on every change.
    ownerUnitCodes: row.ownerUnitCodes as Matter['ownerUnitCodes'],
    handlingLevel: row.handlingLevel,
    limitClass: row.limitClass,
    timeLimits: {
      registerHours: row.registerHours,
      dispatchHours: row.dispatchHours,
      handle: row.handleLimit,
      verifyHours: row.verifyHours,
    },
    difficulty: row.difficulty as Matter['difficulty'],
    needsOnSiteVerification: row.needsOnSiteVerification,
    listedPublicly: row.listedPublicly,
    duplicateRadiusMeters: row.duplicateRadiusMeters,
    duplicateWindowHours: row.duplicateWindowHours,
    pinyinInitials: row.pinyinInitials,
    keywords: row.keywords,
    formFields: row.formFields,
    version: row.version,
    validFrom: row.validFrom,
    validTo: row.validTo,
    escalation: row.escalation ?? null,
    active: row.active,
  };
  return row.kind === 'facility'
    ? { ...base, kind: 'facility', gbClass: row.gbClass as FacilityClass }
    : { ...base, kind: 'event', gbClass: row.gbClass as EventClass };
}

/** The columns of a matter's next version (or its first). */
export function matterToRow(
  matter: Matter,
  extra: { version: number; validFrom: Date; escalation: EscalationRule | null; active: boolean },
): NewMatterRow {
  return {
    code: matter.code,
    version: extra.version,
    validFrom: extra.validFrom,
    name: matter.name,
    nameEn: matter.nameEn,
    category: matter.category,
    kind: matter.kind,
    gbClass: matter.gbClass,
    ownerUnitCodes: [...matter.ownerUnitCodes],
    handlingLevel: matter.handlingLevel,
    limitClass: matter.limitClass,
    registerHours: matter.timeLimits.registerHours,
    dispatchHours: matter.timeLimits.dispatchHours,
    handleLimit: matter.timeLimits.handle,
    verifyHours: matter.timeLimits.verifyHours,
    difficulty: matter.difficulty,
    needsOnSiteVerification: matter.needsOnSiteVerification,
    listedPublicly: matter.listedPublicly,
    duplicateRadiusMeters: matter.duplicateRadiusMeters,
    duplicateWindowHours: matter.duplicateWindowHours,
    pinyinInitials: matter.pinyinInitials,
    keywords: [...matter.keywords],
    formFields: [...matter.formFields],
    escalation: extra.escalation,
    active: extra.active,
  };
}

export function presentMatter(m: CatalogMatter): MatterView {
  return {
    code: m.code,
    version: m.version,
    validFrom: m.validFrom.toISOString(),
    validTo: m.validTo?.toISOString() ?? null,
    name: m.name,
    nameEn: m.nameEn,
    category: m.category,
    kind: m.kind,
    gbClass: m.gbClass,
    ownerUnitCodes: [...m.ownerUnitCodes],
    handlingLevel: m.handlingLevel,
    limitClass: m.limitClass,
    timeLimits: m.timeLimits,
    difficulty: m.difficulty,
    needsOnSiteVerification: m.needsOnSiteVerification,
    listedPublicly: m.listedPublicly,
    duplicateRadiusMeters: m.duplicateRadiusMeters,
    duplicateWindowHours: m.duplicateWindowHours,
    pinyinInitials: m.pinyinInitials,
    keywords: [...m.keywords],
    formFields: m.formFields.map(({ values, ...field }) => ({ ...field, ...(values ? { values: [...values] } : {}) })),
    escalation: m.escalation,
    active: m.active,
  };
}
