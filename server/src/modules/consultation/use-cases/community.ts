import type { CommunityList, JoinCommunityBody, Locale, MyCommunity } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { can } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { communityInScope } from '../../regions/index.js';
import { consultationRepository } from '../consultation.repository.js';
import { supporterKeyOf } from '../domain/consultation-rules.js';

/** A resident taking part: their community and the key they count under (person now, household later). */
export interface Participant {
  userId: string;
  communityCode: string;
  communityPath: string;
  householdId: string | null;
  supporterKey: string;
}

/** A resident takes part in their community; the desk reads and manages its scope. */
export const isResident = (actor: Actor): boolean =>
  can(actor.roles, 'consultation.take-part') && !can(actor.roles, 'consultation.read');

const communityName = (row: { name: string; nameEn: string }, locale: Locale) =>
  locale === 'en-US' ? row.nameEn : row.name;

/**
 * The resident's community: the one they named on the portal, else their account's scope when
 * it is a community (accounts made by a workstation). None: they are asked to name it (409).
 */
export async function participantOf(db: Executor, actor: Actor): Promise<Participant> {
  const member = await consultationRepository.membership(db, actor.id);
  if (member) {
    return {
      userId: actor.id,
      communityCode: member.regionCode,
      communityPath: member.path,
      householdId: member.householdId,
      supporterKey: supporterKeyOf({ userId: actor.id, householdId: member.householdId }),
    };
  }
  const own = await consultationRepository.communityByPath(db, actor.scopePath);
  if (!own) throw new DomainError('no-community');
  return {
    userId: actor.id,
    communityCode: own.code,
    communityPath: own.path,
    householdId: null,
    supporterKey: supporterKeyOf({ userId: actor.id, householdId: null }),
  };
}

/** What the caller reads: a resident their community, the desk its data scope. */
export async function readScopeOf(db: Executor, actor: Actor): Promise<string> {
  return isResident(actor) ? (await participantOf(db, actor)).communityPath : actor.scopePath;
}

/** A community the desk names, within its scope (else 404 like an unknown one). */
export async function communityForDesk(db: Executor, actor: Actor, regionCode: string) {
  return communityInScope(db, regionCode, actor.scopePath, 'regionCode');
}

export async function myCommunity(db: Db, actor: Actor): Promise<MyCommunity> {
  try {
    const p = await participantOf(db, actor);
    const names = await consultationRepository.communityNames(db, [p.communityCode]);
    const name = names.get(p.communityCode);
    return { community: { code: p.communityCode, name: name ? communityName(name, actor.locale) : p.communityCode } };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'no-community') return { community: null };
    throw error;
  }
}

/** Communities a resident may name (their account's scope: the county for a portal sign-up). */
export async function listCommunities(db: Db, actor: Actor): Promise<CommunityList> {
  const rows = await consultationRepository.communitiesInScope(db, actor.scopePath);
  return { items: rows.map((r) => ({ code: r.code, name: communityName(r, actor.locale) })) };
}

/** A resident names their community (changeable; their earlier supports and votes stay where they were given). */
export async function joinCommunity(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: JoinCommunityBody; now: Date },
): Promise<MyCommunity> {
  const { actor, body } = options;
  const community = await communityInScope(db, body.regionCode, actor.scopePath, 'regionCode');
  await db.transaction(async (tx) => {
    await consultationRepository.setMembership(tx, {
      userId: actor.id,
      regionCode: community.code,
      path: community.path,
      joinedAt: options.now,
    });
    await recordAudit(tx, options.context, {
      action: 'consultation.join',
      objectType: 'user',
      objectId: actor.id,
      details: { regionCode: community.code },
      scopePath: community.path,
    });
  });
  return { community: { code: community.code, name: communityName(community, actor.locale) } };
}
