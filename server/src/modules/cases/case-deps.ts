import type { Db, Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import type { recordAudit, recordAudits } from '../audit/index.js';
import { type CatalogMatter, catalogLookups, matterFromRow } from '../catalog/index.js';
import type { GridLocator } from '../grids/index.js';
import type { CaseSettings } from './cases.settings.js';
import type { StageLimits } from './domain/stage-clock.js';

/** What the case use cases work with. */
export interface CaseDeps {
  db: Db;
  /** gridAt: point → base grid. */
  locator: GridLocator;
  /** Seals reporters' phone numbers (config.secretKey). */
  secretKey: Buffer;
  settings: CaseSettings;
  /**
   * Writes the audit row in the use case's transaction: recordAudit. Only the demo loader
   * passes a no-op, since the demo load is audited once as a whole ('demo.load').
   */
  audit: typeof recordAudit;
  /**
   * Writes a batch's audit rows at once (recordAudits): a batch of intakes appends them in the
   * round trips of one row. Without it, each row goes through `audit`.
   */
  auditAll?: typeof recordAudits;
}

/** The rules a case runs under: the matter version it was opened under, not today's. */
export async function matterOfCase(
  db: Executor,
  row: { matterCode: string; matterVersion: number },
): Promise<CatalogMatter> {
  const matter = await catalogLookups.findVersion(db, row.matterCode, row.matterVersion);
  if (!matter) throw new Error(`matter ${row.matterCode} v${row.matterVersion} missing`);
  return matterFromRow(matter);
}

/** The current version of a matter that can be reported; invalid-reference otherwise. */
export async function reportableMatter(db: Executor, code: string, field = 'matterCode'): Promise<CatalogMatter> {
  const row = await catalogLookups.findCurrent(db, code);
  if (!row?.active) throw new DomainError('invalid-reference', { what: code }, [{ field, code: 'invalid' }]);
  return matterFromRow(row);
}

export function stageLimitsOf(matter: CatalogMatter, settings: CaseSettings): StageLimits {
  return { ...matter.timeLimits, callbackDays: settings.callbackDays };
}
