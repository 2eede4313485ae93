import type { FormAnswers, Locale, MatterFormField } from '@yiwang/contracts';

/**
 * A matter's own questions on a report form (like Open311 service attributes), the same in
 * the desk, the worker app and the portal: what each asks in the reader's language, which
 * are answered, and which answers go with the report. Each app draws the controls its way.
 */

type Answer = FormAnswers[string] | undefined;

/** The question in the reader's language (the Chinese one when no English was written). */
export const questionText = (field: Pick<MatterFormField, 'description' | 'descriptionEn'>, locale: Locale): string =>
  locale === 'en-US' && field.descriptionEn ? field.descriptionEn : field.description;

/** A list question's choices, named in the reader's language. */
export const choicesOf = (field: Pick<MatterFormField, 'values'>, locale: Locale): { key: string; name: string }[] =>
  (field.values ?? []).map((v) => ({ key: v.key, name: locale === 'en-US' && v.nameEn ? v.nameEn : v.name }));

/** Whether there is an answer: a number, some text other than blanks, at least one choice. */
export const isAnswered = (value: Answer): boolean =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'number' ? Number.isFinite(value) : !!value?.trim();

/** The required questions still without an answer. */
export const unansweredRequired = <F extends Pick<MatterFormField, 'code' | 'required'>>(
  fields: readonly F[],
  answers: Readonly<Record<string, Answer>>,
): F[] => fields.filter((f) => f.required && !isAnswered(answers[f.code]));

/**
 * The answers that go with the report: only this matter's questions (answers left from a
 * matter chosen before would be refused) and only those answered.
 */
export function answersToSend(
  fields: readonly Pick<MatterFormField, 'code'>[],
  answers: Readonly<Record<string, Answer>>,
): FormAnswers {
  const known = new Set(fields.map((f) => f.code));
  const kept: FormAnswers = {};
  for (const [code, value] of Object.entries(answers))
    if (known.has(code) && value !== undefined && isAnswered(value)) kept[code] = value;
  return kept;
}

/**
 * An answer in words: a list answer by its choices' names (a key the question no longer has
 * stays as it is), a date through the app's own formatter, text and numbers as given.
 */
export function answerText(
  field: Pick<MatterFormField, 'datatype' | 'values'>,
  value: FormAnswers[string],
  locale: Locale,
  formatDateTime: (iso: string) => string = (iso) => iso,
): string {
  if (Array.isArray(value) || (typeof value === 'string' && field.datatype === 'singlevaluelist')) {
    const names = new Map(choicesOf(field, locale).map((c) => [c.key, c.name]));
    const keys = Array.isArray(value) ? value : [value];
    return keys.map((key) => names.get(key) ?? key).join(locale === 'en-US' ? ', ' : '、');
  }
  if (typeof value === 'number') return String(value);
  return field.datatype === 'datetime' ? formatDateTime(value) : value;
}

/**
 * A report's answers as question → answer, in the order the form asks them; answers to a
 * question the form does not have (the case's matter was changed at registration) come last,
 * under their field code, since nothing else names them.
 */
export function answeredQuestions(
  fields: readonly MatterFormField[],
  answers: FormAnswers,
  locale: Locale,
  formatDateTime?: (iso: string) => string,
): { code: string; question: string; answer: string }[] {
  const asked = fields.flatMap((field) => {
    const value = answers[field.code];
    if (value === undefined || !isAnswered(value)) return [];
    return [
      {
        code: field.code,
        question: questionText(field, locale),
        answer: answerText(field, value, locale, formatDateTime),
      },
    ];
  });
  const known = new Set(fields.map((f) => f.code));
  const other = Object.entries(answers)
    .filter(([code, value]) => !known.has(code) && isAnswered(value))
    .map(([code, value]) => ({
      code,
      question: code,
      answer: Array.isArray(value) ? value.join(locale === 'en-US' ? ', ' : '、') : String(value),
    }));
  return [...asked, ...other];
}
