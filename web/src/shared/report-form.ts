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
