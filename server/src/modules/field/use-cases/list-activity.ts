import type { ActivityQuery, WorkerActivity, WorkerActivityList } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayRange } from '../../../platform/china-day.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { areaPathOf, minutesWithin, patrolsLookups, roundMeters } from '../../patrols/index.js';
import { fieldRepository } from '../field.repository.js';

const MAX_PATROLS = 5000;

/**
 * Each worker's day in an area (China time): minutes on patrol (the part of each patrol
 * inside the day) and its distance for patrols with a fix in the area that day; field
 * reports, on-site verifications and visits in the area. Every grid worker of the area is
 * listed, also on a day without activity. The view is audited (it is about people).
 */
export async function listActivity(
  db: Db,
  actor: Actor,
  context: AuditContext,
  query: ActivityQuery,
  now: Date,
): Promise<WorkerActivityList> {
  const { from, to } = chinaDayRange(query.date);
  return db.transaction(async (tx) => {
    const areaPath = await areaPathOf(tx, actor, query);
    const [patrolled, reports, verifications, visits, gridWorkers] = await Promise.all([
      patrolsLookups.patrolsWithFixesIn(tx, { areaPath, from, to, limit: MAX_PATROLS }),
      fieldRepository.reportsPerUser(tx, areaPath, from, to),
      fieldRepository.verificationsPerUser(tx, areaPath, from, to),
      fieldRepository.visitsPerUser(tx, areaPath, from, to),
      fieldRepository.gridWorkersUnder(tx, areaPath),
    ]);
    const byUser = new Map<string, WorkerActivity>();
    const entry = (userId: string): WorkerActivity => {
      let found = byUser.get(userId);
      if (!found) {
        found = { userId, displayName: '', patrolMinutes: 0, distanceM: 0, reports: 0, verifications: 0, visits: 0 };
        byUser.set(userId, found);
      }
      return found;
    };
    for (const userId of gridWorkers) entry(userId);
    for (const { patrol } of patrolled) {
      const e = entry(patrol.userId);
      const end = patrol.endedAt ?? patrol.lastAt ?? now;
      e.patrolMinutes += minutesWithin(patrol.startedAt, end, from, to);
      e.distanceM += patrol.distanceM;
    }
    for (const r of reports) entry(r.userId).reports += r.n;
    for (const v of verifications) entry(v.userId).verifications += v.n;
    for (const v of visits) entry(v.userId).visits += v.n;

    const names = await fieldRepository.displayNames(tx, [...byUser.keys()]);
    const items = [...byUser.values()]
      .map((e) => ({
        ...e,
        displayName: names.get(e.userId) ?? e.userId,
        patrolMinutes: Math.round(e.patrolMinutes),
        distanceM: roundMeters(e.distanceM),
      }))
      .sort((a, b) => b.patrolMinutes - a.patrolMinutes || a.displayName.localeCompare(b.displayName, 'zh-CN'));
    await recordAudit(tx, context, {
      action: 'field.view-activity',
      objectType: 'patrol',
      details: {
        purpose: 'view worker activity',
        date: query.date,
        gridCode: query.gridCode ?? null,
        regionCode: query.regionCode ?? null,
        workers: items.length,
      },
    });
    return { items };
  });
}
