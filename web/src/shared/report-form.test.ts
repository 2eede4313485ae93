import type { MatterFormField } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { answersToSend, choicesOf, isAnswered, questionText, unansweredRequired } from './report-form';

const hazard: MatterFormField = {
  code: 'hazard',
  datatype: 'singlevaluelist',
  required: true,
  description: '是否有人员危险',
  descriptionEn: 'Anyone in danger?',
  values: [
    { key: 'yes', name: '是', nameEn: 'Yes' },
    { key: 'no', name: '否', nameEn: '' },
  ],
};
const depth: MatterFormField = {
  code: 'depth',
  datatype: 'number',
  required: false,
  description: '深度（米）',
  descriptionEn: '',
};
const kinds: MatterFormField = {
  code: 'kinds',
  datatype: 'multivaluelist',
  required: true,
  description: '种类',
  descriptionEn: 'Kinds',
};

describe('a matter’s questions on a report form', () => {
  it('asks in the reader’s language, in Chinese when no English was written', () => {
    expect(questionText(hazard, 'en-US')).toBe('Anyone in danger?');
    expect(questionText(hazard, 'zh-CN')).toBe('是否有人员危险');
    expect(questionText(depth, 'en-US')).toBe('深度（米）');
    expect(choicesOf(hazard, 'en-US')).toEqual([
      { key: 'yes', name: 'Yes' },
      { key: 'no', name: '否' },
    ]);
    expect(choicesOf(depth, 'zh-CN')).toEqual([]);
  });

  it('counts a number, text other than blanks and at least one choice as an answer', () => {
    expect([0, 2.5, 'x', ['a']].map(isAnswered)).toEqual([true, true, true, true]);
    expect([undefined, '', '  ', [], Number.NaN].map(isAnswered)).toEqual([false, false, false, false, false]);
  });

  it('names the required questions still open', () => {
    const fields = [hazard, depth, kinds];
    expect(unansweredRequired(fields, {}).map((f) => f.code)).toEqual(['hazard', 'kinds']);
    expect(unansweredRequired(fields, { hazard: 'yes', kinds: [] }).map((f) => f.code)).toEqual(['kinds']);
    expect(unansweredRequired(fields, { hazard: 'yes', kinds: ['a'] })).toEqual([]);
  });

  it('sends only this matter’s answered questions', () => {
    expect(
      answersToSend([hazard, depth, kinds], {
        hazard: 'yes',
        depth: 0,
        kinds: [],
        old_matter_question: 'x',
        note: ' ',
      }),
    ).toEqual({ hazard: 'yes', depth: 0 });
  });
});
