import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/index.js';
import { catalogLookups, seedMatterCatalog } from '../catalog/index.js';
import { jiangyinRegionTree, loadRegionTree, regionsLookups } from '../regions/index.js';

export interface CountyBaseLoaded {
  /** Regions loaded now (0 when the tree was already there). */
  regions: number;
  /** Matters loaded now (0 when the catalog was already there). */
  matters: number;
}

/**
 * What a production county needs before anyone can sign in: its region tree (every account's
 * data scope is a region) and its matter catalog (every case is of a matter). Both are the
 * bundled county's real, public data (regions/data, catalog/data) — unlike the demo county,
 * no accounts, keys, grids or cases. Each part is loaded only into an empty table, so running
 * it again changes nothing.
 */
export async function loadCountyBaseIfEmpty(db: Db, now = new Date()): Promise<CountyBaseLoaded> {
  return db.transaction(async (tx) => {
    const regions = (await regionsLookups.count(tx)) === 0 ? await loadRegionTree(tx, jiangyinRegionTree) : 0;
    const matters = (await catalogLookups.count(tx)) === 0 ? await seedMatterCatalog(tx, now) : 0;
    if (regions > 0 || matters > 0) {
      await recordAudit(
        tx,
        { actor: null, requestId: null },
        {
          action: 'setup.county-base',
          objectType: 'county',
          objectId: jiangyinRegionTree.county.code,
          details: { regions, matters },
        },
      );
    }
    return { regions, matters };
  });
}
