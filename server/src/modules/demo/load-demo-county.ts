import type { Db } from '../../db/client.js';
import type { DemoContext } from '../../platform/http.js';
import { DEMO_PASSWORD, type DemoLogin, demoLogins, hashPassword } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { modules } from '../index.js';
import { jiangyinRegionTree, regionsLookups } from '../regions/index.js';

export { DEMO_OPEN311_API_KEY, DEMO_PASSWORD, type DemoLogin } from '../accounts/index.js';
export { DEMO_DEPARTMENTS } from '../units/index.js';

/**
 * Loads the demo county into an empty database: each module's declared demo loader
 * (`Module.demo`) in the order of modules/index.ts, in one transaction — the real region
 * tree of 江阴市, its command centers, workstations and departments, one account per kind of
 * user, the three-level grid map, a staffed grid team on every base grid, the matter catalog,
 * the dispatch rules, a few cases under way and the grid worker's two patrols of the day with
 * a household visit. One audit row counts what the loaders made.
 * Returns the logins, or null when the database already holds data.
 */
export async function loadDemoCountyIfEmpty(db: Db, secretKey: Buffer): Promise<DemoLogin[] | null> {
  if ((await regionsLookups.count(db)) > 0) return null;
  const context: DemoContext = { now: new Date(), passwordHash: await hashPassword(DEMO_PASSWORD), secretKey };
  return db.transaction(async (tx) => {
    const details: Record<string, number> = {};
    for (const module of modules) {
      const tally = (await module.demo?.(tx, context)) ?? {};
      for (const [what, count] of Object.entries(tally)) details[what] = (details[what] ?? 0) + count;
    }
    await recordAudit(
      tx,
      { actor: null, requestId: null },
      { action: 'demo.load', objectType: 'county', objectId: jiangyinRegionTree.county.code, details },
    );
    return demoLogins();
  });
}
