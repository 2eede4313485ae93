import type { Matter, MatterFormField, UpdateMatterBody } from '@yiwang/contracts';
import {
  type EventClass,
  type FacilityClass,
  type FormFieldDatatype,
  type HandlingLevel,
  isListDatatype,
  type LimitClass,
  type MatterCategory,
} from '@yiwang/contracts/vocabulary';

/**
 * The matter dialog's logic without its widgets (pure, tested in matter-form.test.ts): a
 * matter as the form holds it and back, only the changed facts for an update, where each
 * field the server names sits in the form, and the next free code of a category.
 */

type Datatype = FormFieldDatatype;
type GbClass = FacilityClass | EventClass;

/** The first letters of a matter's code in each category (城管 CG-0101…). */
const PREFIX: Record<MatterCategory, string> = {
  comprehensive_governance: 'ZZ',
  livelihood_service: 'MS',
  public_safety: 'AQ',
  urban_management: 'CG',
  other: 'QT',
};
/** What a new matter of each class starts with (the server's defaults, shown so they can be changed). */
export const DEFAULT_LIMITS: Record<LimitClass, Matter['timeLimits']> = {
  urgent: { registerHours: 0.5, dispatchHours: 0.5, handle: { unit: 'working_hours', amount: 4 }, verifyHours: 2 },
  routine: { registerHours: 2, dispatchHours: 2, handle: { unit: 'working_days', amount: 2 }, verifyHours: 4 },
  help: { registerHours: 4, dispatchHours: 4, handle: { unit: 'working_days', amount: 3 }, verifyHours: 8 },
  complex: { registerHours: 4, dispatchHours: 8, handle: { unit: 'working_days', amount: 13 }, verifyHours: 16 },
};

export interface FieldForm {
  code: string;
  datatype: Datatype;
  required: boolean;
  description: string;
  descriptionEn: string;
  valuesText?: string;
}

export interface MatterForm {
  code: string;
  name: string;
  nameEn: string;
  category: MatterCategory;
  kind: 'facility' | 'event';
  gbClass: GbClass;
  ownerUnitCodes: string[];
  handlingLevel: HandlingLevel;
  limitClass: LimitClass;
  timeLimits: Matter['timeLimits'];
  difficulty: number;
  needsOnSiteVerification: boolean;
  listedPublicly: boolean;
  duplicateRadiusMeters: number;
  duplicateWindowHours: number;
  pinyinInitials: string;
  keywords: string[];
  formFields: FieldForm[];
  escalationOn: boolean;
  escalationAfter: number | null;
  active: boolean;
  reason: string;
}

export function formOf(matter: Matter): MatterForm {
  return {
    ...matter,
    ownerUnitCodes: [...matter.ownerUnitCodes],
    keywords: [...matter.keywords],
    gbClass: matter.gbClass as GbClass,
    formFields: matter.formFields.map((f) => ({
      code: f.code,
      datatype: f.datatype,
      required: f.required,
      description: f.description,
      descriptionEn: f.descriptionEn,
      valuesText: f.values?.map((v) => `${v.key}=${v.name}=${v.nameEn}`).join('\n'),
    })),
    escalationOn: matter.escalation !== null,
    escalationAfter: matter.escalation?.afterOverdueHours ?? 2,
    reason: '',
  };
}

export function fieldsOf(form: readonly FieldForm[]): MatterFormField[] {
  return form.map((f) => ({
    code: f.code.trim(),
    datatype: f.datatype,
    required: Boolean(f.required),
    description: f.description.trim(),
    descriptionEn: f.descriptionEn.trim(),
    ...(isListDatatype(f.datatype)
      ? {
          values: (f.valuesText ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .map((line) => {
              const [key = '', name = '', nameEn = ''] = line.split('=').map((part) => part.trim());
              return { key, name, nameEn: nameEn || name };
            }),
        }
      : {}),
  }));
}

/** The editable facts of a form as the API takes them. */
export function editableOf(v: MatterForm) {
  return {
    name: v.name.trim(),
    nameEn: v.nameEn.trim(),
    ownerUnitCodes: v.ownerUnitCodes,
    handlingLevel: v.handlingLevel,
    limitClass: v.limitClass,
    timeLimits: v.timeLimits,
    difficulty: v.difficulty,
    needsOnSiteVerification: v.needsOnSiteVerification,
    listedPublicly: v.listedPublicly,
    duplicateRadiusMeters: v.duplicateRadiusMeters,
    duplicateWindowHours: v.duplicateWindowHours,
    pinyinInitials: v.pinyinInitials.trim(),
    keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
    formFields: fieldsOf(v.formFields ?? []),
    escalation: v.escalationOn ? { afterOverdueHours: v.escalationAfter ?? 0 } : null,
  };
}

/** JSON with sorted keys: two values are the same whatever order their keys came in. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Only what differs from the matter as it stands: no new version for an unchanged matter. */
export function changesOf(matter: Matter, v: MatterForm): Omit<UpdateMatterBody, 'reason'> {
  const next: Record<string, unknown> = { ...editableOf(v), active: v.active };
  const before: Record<string, unknown> = { ...matter };
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => stable(value) !== stable(before[key])));
}

/**
 * The server names the field at fault as in its body (`timeLimits.handle`, `formFields.1`,
 * `escalation.afterOverdueHours`); this is where each one sits in the form.
 */
export function namePathOf(field: string, fieldCount: number): (string | number)[] | null {
  const parts = field.split('.');
  const [head, second, third] = parts;
  switch (head) {
    case 'timeLimits':
      if (second === 'handle') return ['timeLimits', 'handle', third === 'unit' ? 'unit' : 'amount'];
      return second ? ['timeLimits', second] : null;
    case 'escalation':
      return ['escalationAfter'];
    case 'formFields': {
      const index = Number(second);
      if (!Number.isInteger(index) || index >= fieldCount) return null;
      if (third === 'values') return ['formFields', index, 'valuesText'];
      return ['formFields', index, third && third !== 'values' ? third : 'code'];
    }
    case 'keywords':
    case 'ownerUnitCodes':
      return [head];
    case 'code':
    case 'name':
    case 'nameEn':
    case 'category':
    case 'kind':
    case 'gbClass':
    case 'handlingLevel':
    case 'limitClass':
    case 'difficulty':
    case 'duplicateRadiusMeters':
    case 'duplicateWindowHours':
    case 'pinyinInitials':
    case 'reason':
      return [head];
    default:
      return null;
  }
}

export function nextCode(category: MatterCategory, codes: readonly string[]): string {
  const prefix = PREFIX[category];
  const used = codes.filter((c) => c.startsWith(`${prefix}-`)).map((c) => Number(c.slice(3)));
  const next = used.length ? Math.max(...used) + 1 : 101;
  return `${prefix}-${String(next).padStart(4, '0')}`;
}
