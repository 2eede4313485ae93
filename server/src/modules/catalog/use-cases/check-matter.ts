import { DomainError } from '../../../platform/errors.js';
import type { Matter } from '../data/matter.js';
import { validateCatalog } from '../data/matter-catalog.js';

/**
 * The catalog's checks on one matter (the catalog-wide ones, like "a department owns no
 * matter", do not apply): refused as a validation error naming each field at fault, with
 * the problem in the caller's language.
 */
export function assertValidMatter(matter: Matter, departmentCodes: readonly string[]): void {
  const result = validateCatalog([matter], departmentCodes);
  const problems = result.ok ? [] : result.problems.filter((p) => p.code === matter.code);
  if (problems.length === 0) return;
  throw new DomainError(
    'validation',
    {},
    problems.map((p) => ({
      field: p.field ?? 'matter',
      code: 'catalog',
      params: { problem: p.problem, problemZh: p.problemZh },
    })),
  );
}
