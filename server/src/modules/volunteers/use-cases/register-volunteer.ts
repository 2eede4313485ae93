import type { RegisterVolunteerBody, Volunteer } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { communityInScope } from '../../regions/index.js';
import { presentVolunteer } from '../present-volunteers.js';
import { volunteersRepository } from '../volunteers.repository.js';

const clean = (words: readonly string[]) => [...new Set(words.map((w) => w.trim()).filter((w) => w !== ''))];

/**
 * Registers a volunteer of a community: the signed-in resident themself (`self`, from the
 * portal; once per community), or a person the workstation registers (no account).
 */
export async function registerVolunteer(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: RegisterVolunteerBody; self: boolean },
): Promise<{ kind: 'created'; value: Volunteer }> {
  const { actor, context, body, self } = options;
  const community = await communityInScope(db, body.communityCode, actor.scopePath);
  return db.transaction(async (tx) => {
    const row = await volunteersRepository.insertVolunteer(tx, {
      userId: self && actor.kind === 'user' ? actor.id : null,
      communityCode: community.code,
      path: community.path,
      name: body.name.trim(),
      skills: clean(body.skills),
      availability: body.availability.trim(),
      training: clean(body.training),
    });
    if (!row) throw new DomainError('volunteer-registered');
    await recordAudit(tx, context, {
      action: 'volunteer.register',
      objectType: 'volunteer',
      objectId: row.id,
      scopePath: community.path,
      details: { communityCode: community.code, self },
    });
    return { kind: 'created', value: presentVolunteer(row) };
  });
}
