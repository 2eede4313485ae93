import type {
  LivePositionList,
  LivePositionsQuery,
  PatrolTrack,
  PatrolTrackList,
  TracksQuery,
} from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayRange } from '../../../platform/china-day.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { areaPathOf } from '../area-of.js';
import { trackLine } from '../patrol-track.js';
import { patrolsRepository } from '../patrols.repository.js';
import { roundMeters } from '../present-patrol.js';

/** A worker on patrol counts as live while their latest fix is this recent. */
export const LIVE_WINDOW_MS = 15 * 60_000;
/** Tracks in one answer: a town's day rarely has more. */
const MAX_TRACKS = 300;
/** What the audit log says these views are for (tracks are personal data). */
const PURPOSE = 'view patrol tracks';

/**
 * Live positions: the latest fix of every open patrol in the area (a grid, a region or
 * the caller's scope) from the last 15 minutes. The view is audited with what was seen.
 */
export async function listLivePositions(
  db: Db,
  actor: Actor,
  context: AuditContext,
  query: LivePositionsQuery,
  now: Date,
): Promise<LivePositionList> {
  return db.transaction(async (tx) => {
    const areaPath = await areaPathOf(tx, actor, query);
    const rows = await patrolsRepository.livePositions(tx, areaPath, new Date(now.getTime() - LIVE_WINDOW_MS));
    const items = rows.map(({ patrol, displayName }) => ({
      userId: patrol.userId,
      displayName,
      gridCode: patrol.lastGridCode,
      at: (patrol.lastAt as Date).toISOString(),
      lon: patrol.lastLon as number,
      lat: patrol.lastLat as number,
      patrolId: patrol.id,
    }));
    await recordAudit(tx, context, {
      action: 'patrol.view-live',
      objectType: 'patrol',
      details: {
        purpose: PURPOSE,
        gridCode: query.gridCode ?? null,
        regionCode: query.regionCode ?? null,
        userIds: items.map((i) => i.userId),
      },
    });
    return { items };
  });
}

/**
 * The tracks of a day (China time) in an area: every patrol with a fix there that day,
 * drawn from its fixes in the area (a track leaving the caller's scope is cut off there),
 * with the visits made on it. The view is audited with whose tracks were seen.
 */
export async function listTracks(
  db: Db,
  actor: Actor,
  context: AuditContext,
  query: TracksQuery,
): Promise<PatrolTrackList> {
  const { from, to } = chinaDayRange(query.date);
  return db.transaction(async (tx) => {
    const areaPath = await areaPathOf(tx, actor, query);
    const rows = await patrolsRepository.patrolsWithFixesIn(tx, {
      areaPath,
      from,
      to,
      userId: query.userId,
      limit: MAX_TRACKS,
    });
    const ids = rows.map((r) => r.patrol.id);
    const fixes = await patrolsRepository.fixesIn(tx, ids, { areaPath, from, to });
    const visits = await patrolsRepository.visitsOnPatrols(tx, ids, areaPath);
    const items: PatrolTrack[] = rows.map(({ patrol, displayName }) => {
      const own = fixes.filter((f) => f.patrolId === patrol.id);
      return {
        patrolId: patrol.id,
        userId: patrol.userId,
        displayName,
        startedAt: patrol.startedAt.toISOString(),
        endedAt: patrol.endedAt?.toISOString() ?? null,
        distanceM: roundMeters(patrol.distanceM),
        pointCount: patrol.pointCount,
        gridCodes: [...new Set(own.map((f) => f.gridCode).filter((c): c is string => c !== null))].sort(),
        track: trackLine(own),
        visits: visits
          .filter((v) => v.patrolId === patrol.id)
          .map((v) => ({ at: v.at.toISOString(), lon: v.lon as number, lat: v.lat as number, address: v.address })),
      };
    });
    await recordAudit(tx, context, {
      action: 'patrol.view-tracks',
      objectType: 'patrol',
      details: {
        purpose: PURPOSE,
        date: query.date,
        gridCode: query.gridCode ?? null,
        regionCode: query.regionCode ?? null,
        userId: query.userId ?? null,
        patrolIds: ids,
      },
    });
    return { items };
  });
}
