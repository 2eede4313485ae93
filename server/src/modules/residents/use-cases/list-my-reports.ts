import type { MyReportList } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { loadSnapshot, reporterMayRate } from '../../cases/index.js';
import { publicStateOf } from '../public-case.js';
import { residentsRepository } from '../residents.repository.js';

/**
 * "My reports": every case the signed-in person reported (also when their report was
 * merged into another's case), in public wording, with the follow key to share and
 * whether the case waits for their rating (回访: each reporter rates once when it closes,
 * merged reports too — the workflow's own rule).
 */
export async function listMyReports(
  db: Executor,
  actor: Actor,
  page: { limit: number; offset: number },
): Promise<MyReportList> {
  const { items, total } = await residentsRepository.myReports(db, actor.id, actor.scopePath, page);
  return {
    total,
    items: items.map((row) => {
      const c = row.case;
      // The list holds only cases the caller reported, so they are among its reporters.
      const snapshot = loadSnapshot(c.snapshot, [actor.id]);
      const mine = c.snapshot.ratings.filter((r) => r.byUserId === actor.id).at(-1);
      return {
        code: c.code,
        matter: { code: c.matterCode, name: row.matterName, nameEn: row.matterNameEn },
        state: publicStateOf(c.state),
        description: row.description,
        reportedAt: row.reportedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
        supporterCount: c.supporterCount,
        anonymous: row.anonymous,
        followKey: row.followKey,
        canRate: reporterMayRate(snapshot, actor.id),
        myRating: mine ? { rating: mine.rating, comment: mine.comment, at: mine.at } : null,
      };
    }),
  };
}
