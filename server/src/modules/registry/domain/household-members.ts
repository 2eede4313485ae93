import type { HouseholdRelation } from '@yiwang/contracts';

export type HeadProblem = 'no-head' | 'two-heads';

/**
 * A household (户) has exactly one head (户主) among the members who still live in it:
 * null when it does, else what is wrong. Checked before every change of members, and the
 * database keeps at most one current head per household (a partial unique index).
 */
export function headProblem(
  members: readonly { relation: HouseholdRelation; movedOut: boolean }[],
): HeadProblem | null {
  const heads = members.filter((m) => !m.movedOut && m.relation === 'head').length;
  if (heads === 0) return 'no-head';
  return heads > 1 ? 'two-heads' : null;
}
