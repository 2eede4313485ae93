import type { Db } from '../../db/client.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { accountsLookups } from '../accounts/index.js';
import type { AuditContext } from '../audit/index.js';
import { type CaseDeps, DEFAULT_CASE_SETTINGS, reportCase } from '../cases/index.js';
import { demoGridMap, GridLocator, interiorPointOf, offsetMeters } from '../grids/index.js';

/** The demo's flagged grid: the first base grid of 西大街社区 (澄江街道), away from the demo's own community. */
export const DEMO_FLAGGED_COMMUNITY = '320281001014';

/**
 * A flag for the leader to find in the demo: three illegal buildings (违章搭建) that residents
 * reported in one grid a little before the demo's present, none of them by the grid's team —
 * capture–recapture gives the team a share of 0 of an estimated 3 (the 异常线索 tab lists it).
 */
export async function loadDemoFlags(tx: Db, { now }: DemoContext): Promise<DemoTally> {
  const grid = demoGridMap()
    .grids.filter((g) => g.level === 3 && g.regionCode === DEMO_FLAGGED_COMMUNITY)
    .sort((a, b) => a.code.localeCompare(b.code))[0];
  const resident = await accountsLookups.findUserByUsername(tx, 'resident');
  if (!grid || !resident) return { flaggedCases: 0 };
  const deps: CaseDeps = {
    db: tx,
    locator: new GridLocator(tx),
    secretKey: Buffer.alloc(32),
    settings: DEFAULT_CASE_SETTINGS,
    // The demo load is audited once, as a whole, by its caller.
    audit: async () => {},
  };
  const context: AuditContext = { actor: null, requestId: 'demo-load' };
  const centre = interiorPointOf(grid.geometry);
  const spots: [number, number][] = [
    [0, 0],
    [70, 0],
    [0, 70],
  ];
  let made = 0;
  for (const [i, [east, north]] of spots.entries()) {
    const [lon, lat] = offsetMeters(centre, east, north);
    await reportCase(
      deps,
      context,
      {
        matterCode: 'CG-0707',
        description: ['楼顶在搭彩钢棚', '院内新砌了一间砖房', '阳台外扩搭了铁架'][i] ?? '违章搭建',
        channel: 'resident',
        point: { lon, lat, crs: 'WGS84' },
        formAnswers: { structure: 'steel_shed', stage: 'building' },
        reporter: { userId: resident.id, name: null, phone: null, anonymous: false },
        fallbackRegionCode: resident.scopeRegionCode,
        photoScopePath: '320281',
        reporterScopePath: '320281',
      },
      // Minutes before the demo's present: inside today, this week and this month.
      { now: new Date(now.getTime() - (30 - i * 5) * 60_000), showSuggestions: false },
    );
    made += 1;
  }
  return { flaggedCases: made };
}
