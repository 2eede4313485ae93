import type { Locale } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { catalogLookups, matterFromRow } from '../../catalog/index.js';
import {
  type Open311Service,
  type Open311ServiceDefinition,
  presentService,
  presentServiceDefinition,
} from '../present-open311.js';

/** GET services: every matter that can be reported now (the catalog's current versions). */
export async function listServices(db: Executor, locale: Locale): Promise<Open311Service[]> {
  const rows = await catalogLookups.currentAll(db);
  return rows
    .filter((row) => row.active)
    .map(matterFromRow)
    .map((m) => presentService(m, locale));
}

/** GET service definition: the matter's form fields as GeoReport attributes; 404 for an unknown code. */
export async function describeService(db: Executor, code: string, locale: Locale): Promise<Open311ServiceDefinition> {
  const row = await catalogLookups.findCurrent(db, code);
  if (!row?.active) throw new DomainError('not-found');
  return presentServiceDefinition(matterFromRow(row), locale);
}
