import type { Db } from '../../db/client.js';
import type { recordAudit } from '../audit/index.js';
import type { GridLocator } from '../grids/index.js';

/** What the patrol use cases work with. */
export interface PatrolDeps {
  db: Db;
  /** gridAt: which grid each fix lies in. */
  locator: GridLocator;
  /** recordAudit in the use case's transaction (the demo loader audits its load as a whole). */
  audit: typeof recordAudit;
}
