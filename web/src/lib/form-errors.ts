import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * Puts the server's field problems onto the form's fields (`roles.0` → `roles`) and
 * returns the message to show above the form. Field names in the API and in the form
 * are the same on purpose.
 */
export function showApiErrorOnForm(form: FormInstance, error: unknown, fieldNames: readonly string[]): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const byField = new Map<string, string[]>();
  for (const problem of error.details) {
    const field = problem.field.split('.')[0] ?? problem.field;
    if (!fieldNames.includes(field)) continue;
    const messages = byField.get(field) ?? [];
    // Two rules can fail with the same advice (e.g. a password both too short and without digits).
    if (!messages.includes(problem.message)) byField.set(field, [...messages, problem.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return error.message;
}

/** The text to show for any failure (ApiError messages come translated from the server). */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
