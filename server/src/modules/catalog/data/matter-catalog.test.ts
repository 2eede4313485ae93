import { describe, expect, it } from 'vitest';
import { MATTER_CATEGORIES } from '@yiwang/contracts';
import { DEMO_DEPARTMENTS } from '../../demo/load-demo-county.js';
import { EVENT_CLASSES, FACILITY_CLASSES, type Matter } from './matter.js';
import { MATTER_CATALOG, matterByCode, searchMatters, validateCatalog } from './matter-catalog.js';

const demoDepartmentCodes = DEMO_DEPARTMENTS.map(([code]) => code);
const get = (code: string): Matter => {
  const m = matterByCode(code);
  if (!m) throw new Error(`no matter ${code}`);
  return m;
};

describe('the seeded matter catalog', () => {
  it('is valid against the demo county’s departments', () => {
    const result = validateCatalog(MATTER_CATALOG, demoDepartmentCodes);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(validateCatalog()).toEqual({ ok: true });
  });

  it('has 150 matters, like Jiangyin’s list', () => {
    expect(MATTER_CATALOG).toHaveLength(150);
  });

  it('uses all 24 departments as owners', () => {
    expect(demoDepartmentCodes).toHaveLength(24);
    const owners = new Set(MATTER_CATALOG.flatMap((m) => m.ownerUnitCodes));
    expect([...owners].sort()).toEqual([...demoDepartmentCodes].sort());
  });

  it('fills every category of seed 000', () => {
    const counts = Object.fromEntries(
      MATTER_CATEGORIES.map((c) => [c, MATTER_CATALOG.filter((m) => m.category === c).length]),
    );
    expect(counts).toEqual({
      comprehensive_governance: 25,
      livelihood_service: 27,
      public_safety: 29,
      urban_management: 53,
      other: 16,
    });
  });

  it('uses every GB/T 30428 major class of facilities and events', () => {
    const facilityClasses = new Set(MATTER_CATALOG.filter((m) => m.kind === 'facility').map((m) => m.gbClass));
    const eventClasses = new Set(MATTER_CATALOG.filter((m) => m.kind === 'event').map((m) => m.gbClass));
    for (const c of FACILITY_CLASSES.filter((c) => c !== 'extension')) expect(facilityClasses).toContain(c);
    for (const c of EVENT_CLASSES) expect(eventClasses).toContain(c);
  });

  it('uses every handling level, and keeps the hardest matters off the community', () => {
    const levels = new Set(MATTER_CATALOG.map((m) => m.handlingLevel));
    expect([...levels].sort()).toEqual(['city', 'community', 'town']);
    expect(MATTER_CATALOG.filter((m) => m.difficulty === 5 && m.handlingLevel === 'community')).toEqual([]);
  });

  it('rates the problems workers were hiding as hard and litter as easy', () => {
    // Seed 000: count-based rankings rewarded reporting litter and hiding fire hazards,
    // illegal building and group rentals; assessment weights by difficulty.
    expect(get('CG-0707')).toMatchObject({ name: '违章搭建', difficulty: 5 });
    expect(get('ZZ-0306')).toMatchObject({ name: '群租房', difficulty: 5 });
    expect(get('AQ-0101').difficulty).toBeGreaterThanOrEqual(4); // 消防通道堵塞
    expect(get('AQ-0105').difficulty).toBe(5); // 三合一场所
    expect(get('CG-0301')).toMatchObject({ name: '暴露垃圾', difficulty: 1 });
    expect(get('CG-0704')).toMatchObject({ name: '机动车乱停放', difficulty: 1 });
  });

  it('gives the time limits of the local rules', () => {
    expect(get('CG-0101')).toMatchObject({
      name: '井盖缺失',
      pinyinInitials: 'jgqs',
      limitClass: 'urgent',
      timeLimits: { registerHours: 0.5, dispatchHours: 0.5, handle: { unit: 'working_hours', amount: 4 } },
    });
    for (const m of MATTER_CATALOG.filter((x) => x.limitClass === 'help'))
      expect(m.timeLimits.handle).toEqual({ unit: 'working_days', amount: 3 });
    for (const m of MATTER_CATALOG.filter((x) => x.limitClass === 'complex')) {
      expect(m.timeLimits.handle.unit).toBe('working_days');
      expect(m.timeLimits.handle.amount).toBeLessThanOrEqual(13);
    }
  });

  it('uses wider duplicate rules for area matters', () => {
    expect(get('QT-0101')).toMatchObject({ name: '河道污染', duplicateRadiusMeters: 200 });
    expect(get('CG-0301')).toMatchObject({ duplicateRadiusMeters: 50, duplicateWindowHours: 72 });
  });

  it('asks inquiries to be verified at the desk and street problems on site', () => {
    expect(get('MS-0103').needsOnSiteVerification).toBe(false); // 低保申请咨询
    expect(get('CG-0101').needsOnSiteVerification).toBe(true);
  });

  it('shapes form fields like Open311 attributes', () => {
    const datatypes = new Set(MATTER_CATALOG.flatMap((m) => m.formFields.map((f) => f.datatype)));
    expect([...datatypes].sort()).toEqual(['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'string']);
    const wzdj = get('CG-0707').formFields;
    expect(wzdj.map((f) => f.code)).toEqual(['observed_at', 'structure', 'area_m2', 'stage']);
    expect(wzdj.find((f) => f.code === 'stage')).toMatchObject({
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'building', name: '正在搭建' },
        { key: 'completed', name: '已建成' },
      ],
    });
    for (const m of MATTER_CATALOG.filter((x) => x.kind === 'facility'))
      expect(m.formFields.map((f) => f.code)).toContain('hazard');
  });
});

describe('validateCatalog finds mistakes', () => {
  const sample = get('CG-0101');
  const rest = MATTER_CATALOG.filter((m) => m.code !== sample.code);
  const problemsOf = (changed: Matter, departments: readonly string[] = demoDepartmentCodes) => {
    const result = validateCatalog([...rest, changed], departments);
    return result.ok ? [] : result.problems;
  };

  it('a duplicate code', () => {
    const result = validateCatalog([...MATTER_CATALOG, { ...sample, name: '井盖丢失' }]);
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'CG-0101', field: 'code', problem: 'duplicate code', problemZh: '编码重复' }],
    });
  });

  it('an unknown department and an unused one', () => {
    expect(problemsOf({ ...sample, ownerUnitCodes: ['sanitation' as 'urban'] })).toContainEqual({
      code: 'CG-0101',
      field: 'ownerUnitCodes',
      problem: 'unknown department sanitation',
      problemZh: '没有部门 sanitation',
    });
    expect(problemsOf(sample, [...demoDepartmentCodes, 'tobacco'])).toEqual([
      { code: null, field: null, problem: 'department tobacco owns no matter', problemZh: '部门 tobacco 没有负责的事项' },
    ]);
  });

  it('a code whose prefix disagrees with the category, or a malformed code', () => {
    expect(problemsOf({ ...sample, category: 'public_safety' })[0]?.problem).toBe(
      'code prefix does not match the category',
    );
    expect(problemsOf({ ...sample, code: 'CG-101' })[0]?.problem).toMatch(/PREFIX-NNNN/);
  });

  it('an urgent matter with a slow limit, and a zero stage', () => {
    const slow = { ...sample, timeLimits: { ...sample.timeLimits, handle: { unit: 'working_days', amount: 3 } } };
    expect(problemsOf(slow as Matter)[0]).toMatchObject({
      field: 'timeLimits.handle',
      problem: expect.stringMatching(/exceeds what a urgent matter allows/),
      problemZh: '处置时限 3 个工作日超出紧急类事项的上限（1 个工作日）',
    });
    const zero = { ...sample, timeLimits: { ...sample.timeLimits, verifyHours: 0 } };
    expect(problemsOf(zero)[0]).toMatchObject({
      field: 'timeLimits.verifyHours',
      problem: expect.stringMatching(/verify limit 0 h/),
    });
  });

  it('initials that do not fit the name', () => {
    expect(problemsOf({ ...sample, pinyinInitials: 'jgq' })[0]?.problem).toMatch(/pinyin initials/);
  });

  it('a facility with an event class, and a difficulty out of range', () => {
    expect(problemsOf({ ...sample, gbClass: 'street_order' } as unknown as Matter)[0]?.problem).toBe(
      'street_order is not a facility class',
    );
    expect(problemsOf({ ...sample, difficulty: 6 } as unknown as Matter)[0]?.problem).toBe('difficulty must be 1–5');
  });

  it('a list field with one value, and repeated field codes', () => {
    const one = {
      code: 'x',
      datatype: 'singlevaluelist',
      required: true,
      description: 'x',
      descriptionEn: 'x',
      values: [{ key: 'a', name: 'a', nameEn: 'a' }],
    } as const;
    expect(problemsOf({ ...sample, formFields: [one] })[0]?.problem).toBe('form field x needs at least two values');
    const twice = { code: 'y', datatype: 'number', required: false, description: 'y', descriptionEn: 'y' } as const;
    expect(problemsOf({ ...sample, formFields: [twice, twice] })[0]).toMatchObject({
      field: 'formFields.1',
      problem: 'form field y appears twice',
    });
  });

  it('an empty category', () => {
    const result = validateCatalog(MATTER_CATALOG.filter((m) => m.category !== 'other'));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toContainEqual({
        code: null,
        field: null,
        problem: 'category other has no matter',
        problemZh: '类别 other 没有事项',
      });
  });
});

describe('searchMatters', () => {
  it('finds by pinyin initials, first letters first', () => {
    expect(searchMatters('jgqs')[0]?.code).toBe('CG-0101');
    expect(
      searchMatters('JG')
        .map((m) => m.code)
        .slice(0, 2),
    ).toEqual(['CG-0101', 'CG-0102']);
  });

  it('finds by Chinese name, keyword and English name', () => {
    expect(searchMatters('井盖').map((m) => m.name)).toEqual(['井盖缺失', '井盖破损']);
    expect(searchMatters('违建')[0]?.code).toBe('CG-0707');
    expect(searchMatters('manhole').map((m) => m.code)).toEqual(['CG-0101', 'CG-0102']);
  });

  it('returns nothing for an empty query', () => {
    expect(searchMatters('  ')).toEqual([]);
  });
});
