import type { Db } from '../../db/client.js';
import type { GridLocator } from '../grids/index.js';

/** What the registry's use cases need: the database, the platform secret (sealing, blind indexes), gridAt. */
export interface RegistryDeps {
  db: Db;
  secretKey: Buffer;
  locator: GridLocator;
}
