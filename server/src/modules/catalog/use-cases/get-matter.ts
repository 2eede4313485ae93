import type { MatterDetail } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { catalogRepository } from '../catalog.repository.js';
import { matterFromRow, presentMatter } from '../catalog-matter.js';

/** A matter as it stands, with every earlier version. */
export async function getMatter(db: Executor, code: string): Promise<MatterDetail> {
  const history = await catalogRepository.history(db, code);
  const current = history.find((row) => row.validTo === null);
  if (!current) throw new DomainError('not-found');
  return {
    matter: presentMatter(matterFromRow(current)),
    history: history.map((r) => presentMatter(matterFromRow(r))),
  };
}
