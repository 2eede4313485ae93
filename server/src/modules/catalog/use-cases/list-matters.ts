import { type MatterList, type MatterListQuery, searchMatters } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { catalogRepository } from '../catalog.repository.js';
import { matterFromRow, presentMatter } from '../catalog-matter.js';

/**
 * The current catalog, optionally searched by characters, pinyin initials (jgqs → 井盖缺失),
 * keywords, English words or code. The catalog is small (about 150 rows), so the search
 * ranks in memory with the shared search (the worker app's offline picker uses it too).
 */
export async function listMatters(db: Executor, query: MatterListQuery): Promise<MatterList> {
  let items = (await catalogRepository.currentAll(db)).map(matterFromRow);
  if (!query.includeInactive) items = items.filter((m) => m.active);
  if (query.category) items = items.filter((m) => m.category === query.category);
  if (query.handlingLevel) items = items.filter((m) => m.handlingLevel === query.handlingLevel);
  const { department } = query;
  if (department) items = items.filter((m) => (m.ownerUnitCodes as readonly string[]).includes(department));
  if (query.q?.trim()) items = searchMatters(query.q, items);
  return { items: items.map(presentMatter), total: items.length };
}
