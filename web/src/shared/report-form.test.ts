import type { MatterFormField } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import {
  answeredQuestions,
  answersToSend,
  answerText,
  choicesOf,
  isAnswered,
  questionText,
  unansweredRequired,
} from './report-form';

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

  it('reads a stored answer in words: choices by name, dates through the app’s formatter', () => {
    const kindsWithValues = {
      ...kinds,
      values: [
        { key: 'a', name: '甲', nameEn: 'A' },
        { key: 'b', name: '乙', nameEn: '' },
      ],
    };
    expect(answerText(hazard, 'yes', 'zh-CN')).toBe('是');
    expect(answerText(hazard, 'no', 'en-US')).toBe('否');
    expect(answerText(hazard, 'gone', 'zh-CN')).toBe('gone');
    expect(answerText(kindsWithValues, ['a', 'b'], 'zh-CN')).toBe('甲、乙');
    expect(answerText(kindsWithValues, ['a', 'b'], 'en-US')).toBe('A, 乙');
    expect(answerText(depth, 0, 'zh-CN')).toBe('0');
    const seen = {
      code: 'seen',
      datatype: 'datetime',
      required: false,
      description: '发现时间',
      descriptionEn: '',
    } as const;
    expect(answerText(seen, '2026-12-03T01:00:00Z', 'zh-CN', (iso) => `@${iso.slice(0, 10)}`)).toBe('@2026-12-03');
  });

  it('lists a report’s answers as question → answer in the form’s order, unknown questions last', () => {
    expect(
      answeredQuestions([hazard, depth, kinds], { other: 'x', depth: 2, hazard: 'yes', kinds: [] }, 'zh-CN'),
    ).toEqual([
      { code: 'hazard', question: '是否有人员危险', answer: '是' },
      { code: 'depth', question: '深度（米）', answer: '2' },
      { code: 'other', question: 'other', answer: 'x' },
    ]);
    expect(answeredQuestions([hazard], { hazard: 'no' }, 'en-US')).toEqual([
      { code: 'hazard', question: 'Anyone in danger?', answer: '否' },
    ]);
  });
});
