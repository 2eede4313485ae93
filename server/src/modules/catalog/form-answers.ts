import type { FieldProblem } from '../../platform/errors.js';
import type { FormField } from './data/matter.js';

export type FormAnswerValue = string | number | readonly string[];
export type FormAnswersInput = Readonly<Record<string, FormAnswerValue>>;

/**
 * Checks a report's answers against its matter's form fields (typed like Open311 service
 * attributes): required fields present, numbers numeric, datetimes parseable, list
 * answers among the field's keys, no answers to questions the matter does not ask.
 * Returns the answers normalized (numbers from numeric strings, a single list choice
 * as given) and the problems, one per field. Pure.
 */
export function checkFormAnswers(
  fields: readonly FormField[],
  answers: FormAnswersInput,
): { answers: Record<string, FormAnswerValue>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const normalized: Record<string, FormAnswerValue> = {};
  const problem = (code: string, issue: string) => problems.push({ field: `formAnswers.${code}`, code: issue });
  const known = new Set(fields.map((f) => f.code));
  for (const code of Object.keys(answers)) if (!known.has(code)) problem(code, 'additionalProperties');

  for (const field of fields) {
    const value = answers[field.code];
    const empty =
      value === undefined ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) problem(field.code, 'required');
      continue;
    }
    const keys = new Set((field.values ?? []).map((v) => v.key));
    switch (field.datatype) {
      case 'string':
      case 'text':
        if (typeof value !== 'string') problem(field.code, 'type');
        else normalized[field.code] = value.trim();
        break;
      case 'number': {
        const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
        if (!Number.isFinite(n)) problem(field.code, 'type');
        else normalized[field.code] = n;
        break;
      }
      case 'datetime':
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) problem(field.code, 'format');
        else normalized[field.code] = new Date(value).toISOString();
        break;
      case 'singlevaluelist':
        if (typeof value !== 'string' || !keys.has(value)) problem(field.code, 'enum');
        else normalized[field.code] = value;
        break;
      case 'multivaluelist': {
        const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
        if (!list || list.some((v) => !keys.has(v))) problem(field.code, 'enum');
        else normalized[field.code] = [...new Set(list)];
        break;
      }
      default:
        problem(field.code, 'type');
    }
  }
  return { answers: normalized, problems };
}
