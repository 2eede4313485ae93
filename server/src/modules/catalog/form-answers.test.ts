import { describe, expect, it } from 'vitest';
import { matterByCode } from './data/matter-catalog.js';
import { checkFormAnswers } from './form-answers.js';

const fieldsOf = (code: string) => matterByCode(code)?.formFields ?? [];

describe('checkFormAnswers', () => {
  it('accepts complete answers and normalizes them', () => {
    const { answers, problems } = checkFormAnswers(fieldsOf('CG-0104'), {
      hazard: 'risk',
      lamp_count: '3',
      facility_code: '  LD-001 ',
    });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ hazard: 'risk', lamp_count: 3, facility_code: 'LD-001' });
  });

  it('reports each problem by field', () => {
    const { problems } = checkFormAnswers(fieldsOf('CG-0707'), {
      structure: 'castle',
      area_m2: 'large',
      unknown: 'x',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'formAnswers.structure', code: 'enum' },
        { field: 'formAnswers.area_m2', code: 'type' },
        { field: 'formAnswers.stage', code: 'required' },
        { field: 'formAnswers.unknown', code: 'additionalProperties' },
      ]),
    );
  });

  it('takes several choices for a multi-value list, and a datetime', () => {
    const river = checkFormAnswers(fieldsOf('QT-0101'), {
      signs: ['oil', 'odour', 'oil'],
      observed_at: '2026-05-12T08:00:00+08:00',
    });
    expect(river.problems).toEqual([]);
    expect(river.answers).toEqual({ signs: ['oil', 'odour'], observed_at: '2026-05-12T00:00:00.000Z' });
    expect(checkFormAnswers(fieldsOf('QT-0101'), { signs: ['oil', 'rainbow'] }).problems).toEqual([
      { field: 'formAnswers.signs', code: 'enum' },
    ]);
    expect(checkFormAnswers(fieldsOf('CG-0302'), { observed_at: 'yesterday' }).problems).toEqual([
      { field: 'formAnswers.observed_at', code: 'format' },
    ]);
  });
});
