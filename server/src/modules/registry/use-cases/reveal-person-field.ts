import type { PersonTag } from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit, statedPurpose } from '../../audit/index.js';
import { registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { unseal } from '../registry-secrets.js';
import { changedBy } from './create-places.js';
import { tagsGrantedTo } from './read-pages.js';

/**
 * A person's full ID number or phone, for a stated purpose (上门核实, 联系本人…): written to the
 * audit log with the purpose before it is returned. 404 out of scope or when there is none.
 */
export async function revealPersonField(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string; field: 'idNumber' | 'phone'; purpose: string },
): Promise<{ value: string }> {
  const purpose = statedPurpose(options.purpose);
  const person = await registryRepository.personInScope(deps.db, options.id, options.actor.scopePath);
  const sealed = options.field === 'idNumber' ? person?.idNumberSealed : person?.phoneSealed;
  if (!person || !sealed) throw new DomainError('not-found');
  const value = unseal(deps.secretKey, sealed);
  await deps.db.transaction((tx) =>
    recordAudit(tx, options.context, {
      action: options.field === 'idNumber' ? 'registry.id-number.reveal' : 'registry.phone.reveal',
      objectType: 'registry-person',
      objectId: person.id,
      scopePath: person.path,
      details: { purpose },
    }),
  );
  return { value };
}

/** Tags a person in scope with a tag the caller is granted (a tag one may not see, one may not set). */
export async function tagPerson(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string; tag: PersonTag },
): Promise<{ tags: PersonTag[] }> {
  const { actor } = options;
  const person = await registryRepository.personInScope(deps.db, options.id, actor.scopePath);
  if (!person) throw new DomainError('not-found');
  const granted = await tagsGrantedTo(deps.db, actor);
  if (!granted.has(options.tag)) throw new DomainError('registry-tag-not-granted');
  return deps.db.transaction(async (tx) => {
    await registryRepository.insertTags(tx, [
      { personId: person.id, tag: options.tag, path: person.path, addedBy: changedBy(actor) },
    ]);
    await recordAudit(tx, options.context, {
      action: 'registry.update',
      objectType: 'registry-person',
      objectId: person.id,
      scopePath: person.path,
      details: { tagAdded: options.tag },
    });
    const tags = (await registryRepository.tagsOfPeople(tx, [person.id])).get(person.id) ?? [];
    return { tags: tags.filter((t) => granted.has(t)) };
  });
}
