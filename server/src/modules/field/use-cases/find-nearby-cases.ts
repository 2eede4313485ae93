import type { NearbyCaseList, NearbyCasesQuery } from '@yiwang/contracts';
import { haversineMeters } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { caseScopeOf, reportableMatter } from '../../cases/index.js';
import { toWgs84 } from '../../grids/index.js';
import { fieldRepository } from '../field.repository.js';

const MIN_RADIUS_M = 100;
const MAX_ITEMS = 5;
const DESCRIPTION_LENGTH = 120;
const METERS_PER_DEGREE_LAT = 111_320;

/**
 * "Is it this one?": open cases of the matter near where the worker stands, within twice
 * the matter's duplicate radius (at least 100 m), nearest first, at most five — shown
 * before a report so the worker adds to a case instead of filing it again.
 */
export async function findNearbyCases(db: Db, actor: Actor, query: NearbyCasesQuery): Promise<NearbyCaseList> {
  const matter = await reportableMatter(db, query.matterCode);
  const radius = Math.max(MIN_RADIUS_M, 2 * matter.duplicateRadiusMeters);
  const here = toWgs84([query.lon, query.lat], query.crs ?? 'WGS84');
  const dLat = radius / METERS_PER_DEGREE_LAT;
  const dLon = radius / (METERS_PER_DEGREE_LAT * Math.cos((here[1] * Math.PI) / 180));
  const { scopePath } = caseScopeOf(actor);
  const rows = await fieldRepository.openCasesOfMatterIn(db, {
    matterCode: matter.code,
    box: { minLon: here[0] - dLon, maxLon: here[0] + dLon, minLat: here[1] - dLat, maxLat: here[1] + dLat },
    scopePath,
  });
  const items = rows
    .map((row) => ({ row, distanceM: haversineMeters(here, [row.lon as number, row.lat as number]) }))
    .filter((c) => c.distanceM <= radius)
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, MAX_ITEMS)
    .map(({ row, distanceM }) => ({
      code: row.code,
      matterCode: row.matterCode,
      matterName: row.matterName,
      matterNameEn: row.matterNameEn,
      state: row.state,
      description:
        row.description.length > DESCRIPTION_LENGTH
          ? `${row.description.slice(0, DESCRIPTION_LENGTH)}…`
          : row.description,
      distanceM: Math.round(distanceM),
      reportedAt: row.createdAt.toISOString(),
      supporters: row.supporterCount,
      thumbnailUrl: row.photoId ? `/api/photos/${row.photoId}/thumbnail` : null,
    }));
  return { items };
}
