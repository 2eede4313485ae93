import type { Executor } from '../../../db/client.js';
import { catalogRepository } from '../catalog.repository.js';
import { defaultEscalationFor, matterToRow } from '../catalog-matter.js';
import type { Matter } from '../data/matter.js';
import { MATTER_CATALOG, validateCatalog } from '../data/matter-catalog.js';

/** Loads the seeded catalog as version 1 of every matter. Refuses a catalog that fails its checks. */
export async function seedMatterCatalog(
  tx: Executor,
  now: Date,
  catalog: readonly Matter[] = MATTER_CATALOG,
): Promise<number> {
  const check = validateCatalog(catalog);
  if (!check.ok) throw new Error(`matter catalog invalid: ${JSON.stringify(check.problems.slice(0, 5))}`);
  await catalogRepository.insertMany(
    tx,
    catalog.map((m) =>
      matterToRow(m, { version: 1, validFrom: now, escalation: defaultEscalationFor(m), active: true }),
    ),
  );
  return catalog.length;
}
