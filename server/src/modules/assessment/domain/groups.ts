import type { AssessmentLevel } from '@yiwang/contracts';
import type { CaseFacts } from './case-facts.js';

/**
 * The key of the group a case counts in at a level, or null when it counts in none there:
 * a grid worker's are the cases they reported with the worker app; a department's are
 * those last dispatched to one of `departmentIds`; the region levels read the case's path
 * (county/town/community/…).
 */
export function groupKeyOf(f: CaseFacts, level: AssessmentLevel, departmentIds: ReadonlySet<string>): string | null {
  const segments = f.path.split('/');
  switch (level) {
    case 'worker':
      return f.channel === 'worker' ? f.reporterUserId : null;
    case 'grid':
      return f.gridCode;
    case 'community':
      return segments[2] ?? null;
    case 'town':
      return segments[1] ?? null;
    case 'department':
      return f.unitId !== null && departmentIds.has(f.unitId) ? f.unitId : null;
    case 'county':
      return segments[0] ?? null;
  }
}

/** Cases grouped by their key at a level (cases of no group left out). */
export function groupFacts(
  facts: readonly CaseFacts[],
  level: AssessmentLevel,
  departmentIds: ReadonlySet<string>,
): Map<string, CaseFacts[]> {
  const groups = new Map<string, CaseFacts[]>();
  for (const f of facts) {
    const key = groupKeyOf(f, level, departmentIds);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

const zhCollator = new Intl.Collator('zh-CN');
/**
 * Units in name order (zh-CN), then by key: the order of every table. One collator for all
 * comparisons — `localeCompare(…, 'zh-CN')` builds one per call, which costs tens of
 * milliseconds on a county's 1 558 grids.
 */
export const byUnitName = (a: { name: string; key: string }, b: { name: string; key: string }): number =>
  zhCollator.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
