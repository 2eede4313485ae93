import type { Db } from '../../db/client.js';
import type { GridLocator } from '../grids/index.js';

/** What the import's use cases need: the database, the platform secret (sealing an incoming row under review), gridAt. */
export interface ImportDeps {
  db: Db;
  secretKey: Buffer;
  /** Places a building's or facility's point in its base grid (房进格). */
  locator: GridLocator;
}
