import type { Matter } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { changesOf, DEFAULT_LIMITS, editableOf, fieldsOf, formOf, namePathOf, nextCode } from './matter-form';

const matter: Matter = {
  code: 'CG-0101',
  version: 3,
  validFrom: '2026-05-01T00:00:00.000Z',
  validTo: null,
  name: '井盖缺失',
  nameEn: 'Missing manhole cover',
  category: 'urban_management',
  kind: 'facility',
  gbClass: 'public_utilities',
  ownerUnitCodes: ['urban', 'watersupply'],
  handlingLevel: 'town',
  limitClass: 'urgent',
  timeLimits: DEFAULT_LIMITS.urgent,
  difficulty: 2,
  needsOnSiteVerification: true,
  listedPublicly: true,
  duplicateRadiusMeters: 50,
  duplicateWindowHours: 72,
  pinyinInitials: 'jgqs',
  keywords: ['窨井'],
  formFields: [
    {
      code: 'hazard',
      datatype: 'singlevaluelist',
      required: true,
      description: '是否有人员危险',
      descriptionEn: 'Anyone in danger?',
      values: [
        { key: 'yes', name: '是', nameEn: 'Yes' },
        { key: 'no', name: '否', nameEn: 'No' },
      ],
    },
    { code: 'note', datatype: 'text', required: false, description: '补充', descriptionEn: 'Note' },
  ],
  escalation: { afterOverdueHours: 2 },
  active: true,
};

describe('the matter form', () => {
  it('holds a list question’s values as editable lines and gives them back', () => {
    const form = formOf(matter);
    expect(form.formFields[0]?.valuesText).toBe('yes=是=Yes\nno=否=No');
    expect(form.formFields[1]?.valuesText).toBeUndefined();
    expect(form.escalationOn).toBe(true);
    expect(fieldsOf(form.formFields)).toEqual(matter.formFields);
  });

  it('reads value lines loosely: blank lines skipped, parts trimmed, the Chinese name when no English', () => {
    const fields = fieldsOf([
      {
        code: ' kind ',
        datatype: 'multivaluelist',
        required: false,
        description: ' 种类 ',
        descriptionEn: 'Kind',
        valuesText: ' a = 甲 \n\n b=乙=B ',
      },
    ]);
    expect(fields).toEqual([
      {
        code: 'kind',
        datatype: 'multivaluelist',
        required: false,
        description: '种类',
        descriptionEn: 'Kind',
        values: [
          { key: 'a', name: '甲', nameEn: '甲' },
          { key: 'b', name: '乙', nameEn: 'B' },
        ],
      },
    ]);
  });

  it('trims names and keywords, drops empty keywords, and turns escalation off into null', () => {
    const form = { ...formOf(matter), name: ' 井盖缺失 ', keywords: [' 窨井 ', ' '], escalationOn: false };
    const facts = editableOf(form);
    expect(facts.name).toBe('井盖缺失');
    expect(facts.keywords).toEqual(['窨井']);
    expect(facts.escalation).toBeNull();
  });

  it('sends only what changed, whatever order the keys came in', () => {
    expect(changesOf(matter, formOf(matter))).toEqual({});
    const form = formOf(matter);
    form.timeLimits = {
      verifyHours: 2,
      handle: { amount: 4, unit: 'working_hours' },
      dispatchHours: 0.5,
      registerHours: 0.5,
    };
    expect(changesOf(matter, form)).toEqual({});
    expect(changesOf(matter, { ...formOf(matter), difficulty: 4, active: false })).toEqual({
      difficulty: 4,
      active: false,
    });
    expect(changesOf(matter, { ...formOf(matter), listedPublicly: false })).toEqual({ listedPublicly: false });
    expect(changesOf(matter, { ...formOf(matter), escalationAfter: 6 })).toEqual({
      escalation: { afterOverdueHours: 6 },
    });
  });

  it('puts each field the server names where it sits in the form', () => {
    expect(namePathOf('timeLimits.handle', 0)).toEqual(['timeLimits', 'handle', 'amount']);
    expect(namePathOf('timeLimits.handle.unit', 0)).toEqual(['timeLimits', 'handle', 'unit']);
    expect(namePathOf('timeLimits.verifyHours', 0)).toEqual(['timeLimits', 'verifyHours']);
    expect(namePathOf('escalation.afterOverdueHours', 0)).toEqual(['escalationAfter']);
    expect(namePathOf('formFields.1', 2)).toEqual(['formFields', 1, 'code']);
    expect(namePathOf('formFields.1.values', 2)).toEqual(['formFields', 1, 'valuesText']);
    expect(namePathOf('formFields.0.description', 2)).toEqual(['formFields', 0, 'description']);
    expect(namePathOf('formFields.2', 2)).toBeNull();
    expect(namePathOf('keywords.3', 0)).toEqual(['keywords']);
    expect(namePathOf('pinyinInitials', 0)).toEqual(['pinyinInitials']);
    expect(namePathOf('somethingElse', 0)).toBeNull();
  });

  it('proposes the next free code of a category, from 0101 when it has none', () => {
    expect(nextCode('urban_management', ['CG-0101', 'CG-0707', 'ZZ-0901'])).toBe('CG-0708');
    expect(nextCode('public_safety', ['CG-0101'])).toBe('AQ-0101');
  });
});
