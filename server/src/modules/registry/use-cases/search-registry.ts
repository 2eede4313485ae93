import type { RegistrySearchHit, RegistrySearchQuery } from '@yiwang/contracts';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { addressTerms } from '../domain/address-terms.js';
import { registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { exactSearchIndexes } from '../registry-secrets.js';

/** pg_trgm's trigram indexes serve a fragment of at least this many characters. */
const TRIGRAM_LENGTH = 3;

/**
 * Finds people, households, addresses, buildings and organizations in scope by name, pinyin
 * initials (zw → 张伟), address text or alias, or an exact ID number or phone (by blind index:
 * the number itself is never compared or stored). A search by ID number or phone is audited,
 * without the number.
 */
export async function searchRegistry(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; query: RegistrySearchQuery },
): Promise<RegistrySearchHit[]> {
  const { actor, query } = options;
  const q = query.q.trim();
  const limit = query.limit ?? 20;
  const exact = exactSearchIndexes(deps.secretKey, q);
  const wants = (kind: RegistrySearchHit['kind']) => !query.kind || query.kind === kind;
  const filter = { scopePath: actor.scopePath, q, limit };
  const hits: RegistrySearchHit[] = [];
  if (wants('person') || wants('household')) {
    const people = await registryRepository.searchPeople(deps.db, { ...filter, indexes: exact.indexes });
    if (wants('person')) {
      for (const p of people) {
        hits.push({ kind: 'person', id: p.id, title: p.name, subtitle: p.address, buildingId: p.buildingId });
      }
    }
    if (wants('household')) {
      for (const p of people.filter((p) => p.relation === 'head')) {
        hits.push({
          kind: 'household',
          id: p.householdId,
          title: `${p.name}户`,
          subtitle: p.address,
          buildingId: p.buildingId,
        });
      }
    }
  }
  // Asked for every kind, a fragment of one or two characters (a surname, initials) looks for people
  // only: no trigram serves it, so addresses and buildings would be read whole (0.5 s at county
  // scale); asked for addresses or buildings by kind, it still finds them.
  const places = (kind: 'address' | 'building') =>
    query.kind === kind || (!query.kind && [...q].length >= TRIGRAM_LENGTH);
  if (exact.kind === null) {
    if (places('address')) {
      for (const a of await registryRepository.searchAddresses(deps.db, filter)) {
        hits.push({ kind: 'address', id: a.id, title: a.text, subtitle: a.code, buildingId: a.buildingId });
      }
    }
    if (places('building')) {
      for (const b of await registryRepository.searchBuildings(deps.db, filter)) {
        hits.push({ kind: 'building', id: b.id, title: b.name, subtitle: b.address, buildingId: b.id });
      }
    }
    // Dwellings only when asked for (the case page links a case to a flat): every flat's address
    // holds the road and number, so among all kinds they would crowd out the buildings.
    if (query.kind === 'dwelling') {
      for (const d of await registryRepository.searchDwellings(deps.db, { ...filter, terms: addressTerms(q) })) {
        hits.push({ kind: 'dwelling', id: d.id, title: d.address, subtitle: d.building, buildingId: d.buildingId });
      }
    }
    if (wants('organization')) {
      for (const o of await registryRepository.searchOrganizations(deps.db, filter)) {
        hits.push({ kind: 'organization', id: o.id, title: o.name, subtitle: o.address, buildingId: null });
      }
    }
  } else {
    await deps.db.transaction((tx) =>
      recordAudit(tx, options.context, {
        action: 'registry.search',
        objectType: 'registry-person',
        details: { by: exact.kind, found: hits.length },
      }),
    );
  }
  return hits.slice(0, limit);
}
