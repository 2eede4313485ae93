import type { Database, Db } from '../../db/client.js';
import { type GridLocator, gridLocatorFor } from '../grids/index.js';

/** What the import's use cases need: the database, the platform secret (sealing an incoming row under review), gridAt. */
export interface ImportDeps {
  db: Db;
  secretKey: Buffer;
  /** Places a building's or facility's point in its base grid (房进格). */
  locator: GridLocator;
  /**
   * How many chunks of a people import are written at once (writeInChunks). 2 on a PostgreSQL
   * server: one chunk is sealed and sent while the server writes the other, so Node's work and
   * the server's overlap; 1 on PGlite, which runs in Node's own thread and one transaction at a time.
   */
  chunkWriters: number;
}

/** The import's dependencies on a database, as the job, the routes, the tests and the benches use them. */
export const importDepsFor = (database: Database, secretKey: Buffer): ImportDeps => ({
  db: database.db,
  secretKey,
  locator: gridLocatorFor(database),
  chunkWriters: database.kind === 'postgres' ? 2 : 1,
});
