import type { Db } from '../../db/client.js';

/** What the import's use cases need: the database and the platform secret (sealing an incoming row under review). */
export interface ImportDeps {
  db: Db;
  secretKey: Buffer;
}
