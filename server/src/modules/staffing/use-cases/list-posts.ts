import type { GridPost } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { currentHolder } from '../current-holder.js';
import { staffingRepository } from '../staffing.repository.js';

/** Posts of grids in scope with who covers each at `at` (A, or B while A is away). */
export async function listPosts(
  db: Db,
  scopePath: string,
  filter: { gridCodes?: string[]; role?: string },
  at: Date,
): Promise<GridPost[]> {
  const rows = await staffingRepository.postsInScope(db, scopePath, filter);
  const people = [...new Set(rows.flatMap((r) => [r.post.holderUserId, r.post.backupUserId]))];
  const absences = await staffingRepository.absencesOverlapping(db, at, new Date(at.getTime() + 1), people);
  return rows.map((r) => {
    const cover = currentHolder(r.post, absences, at);
    return {
      id: r.post.id,
      gridCode: r.post.gridCode,
      gridName: r.gridName,
      gridNameEn: r.gridNameEn,
      role: r.post.role,
      holder: { id: r.post.holderUserId, username: r.holderUsername, displayName: r.holderName },
      backup: { id: r.post.backupUserId, username: r.backupUsername, displayName: r.backupName },
      current: {
        userId: cover.userId,
        by: cover.by,
        absenceEndsAt: cover.by === 'holder' ? null : cover.holderAbsence.endsAt.toISOString(),
      },
    };
  });
}
