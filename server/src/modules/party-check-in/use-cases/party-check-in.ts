import type {
  AddServicePostBody,
  LogPartyServiceBody,
  PartyCheckInOverview,
  PartyMember,
  PartyOrganization,
  PartyServiceLog,
  RegisterPartyMemberBody,
  RegisterPartyOrganizationBody,
  ServicePost,
} from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayOf, chinaDayRange } from '../../../platform/china-day.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { communityInScope } from '../../regions/index.js';
import { quarterOf, quarterRange } from '../domain/quarter.js';
import { partyCheckInRepository } from '../party-check-in.repository.js';

const by = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

/** A party organization (of an employer) checks in to a residential community (双报到). */
export async function registerPartyOrganization(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: RegisterPartyOrganizationBody },
): Promise<PartyOrganization> {
  const { actor, context, body } = options;
  const community = await communityInScope(db, body.communityCode, actor.scopePath);
  return db.transaction(async (tx) => {
    const row = await partyCheckInRepository.insertOrganization(tx, {
      communityCode: community.code,
      path: community.path,
      name: body.name.trim(),
      employer: body.employer.trim(),
      contact: body.contact.trim(),
    });
    await recordAudit(tx, context, {
      action: 'party-organization.register',
      objectType: 'party-organization',
      objectId: row.id,
      scopePath: community.path,
      details: { communityCode: community.code, name: row.name },
    });
    return { ...row, members: 0 };
  });
}

/** A party member checks in to the community they live in, with their employer. */
export async function registerPartyMember(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: RegisterPartyMemberBody },
): Promise<PartyMember> {
  const { actor, context, body } = options;
  const community = await communityInScope(db, body.communityCode, actor.scopePath);
  const organization = body.organizationId
    ? await partyCheckInRepository.organizationInScope(db, body.organizationId, actor.scopePath)
    : undefined;
  if (body.organizationId && !organization) {
    throw new DomainError('invalid-reference', { what: body.organizationId }, [
      { field: 'organizationId', code: 'invalid' },
    ]);
  }
  return db.transaction(async (tx) => {
    const row = await partyCheckInRepository.insertMember(tx, {
      communityCode: community.code,
      path: community.path,
      name: body.name.trim(),
      employer: body.employer.trim(),
      organizationId: organization?.id ?? null,
    });
    await recordAudit(tx, context, {
      action: 'party-member.register',
      objectType: 'party-member',
      objectId: row.id,
      scopePath: community.path,
      details: { communityCode: community.code, organizationId: row.organizationId },
    });
    return {
      id: row.id,
      communityCode: row.communityCode,
      name: row.name,
      employer: row.employer,
      organizationId: row.organizationId,
      organizationName: organization?.name ?? null,
      postIds: [],
      minutesThisQuarter: 0,
    };
  });
}

/** A service post on the community's needs list (需求清单). */
export async function addServicePost(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: AddServicePostBody },
): Promise<ServicePost> {
  const { actor, context, body } = options;
  const community = await communityInScope(db, body.communityCode, actor.scopePath);
  return db.transaction(async (tx) => {
    const row = await partyCheckInRepository.insertPost(tx, {
      communityCode: community.code,
      path: community.path,
      title: body.title.trim(),
      description: body.description.trim(),
      needed: body.needed,
    });
    await recordAudit(tx, context, {
      action: 'service-post.add',
      objectType: 'service-post',
      objectId: row.id,
      scopePath: community.path,
      details: { title: row.title, needed: row.needed },
    });
    return {
      id: row.id,
      communityCode: row.communityCode,
      title: row.title,
      description: row.description,
      needed: row.needed,
      taken: 0,
    };
  });
}

/** A member takes a post of their community's needs list, while it still needs people. */
export async function choosePost(
  db: Db,
  options: { actor: Actor; context: AuditContext; memberId: string; postId: string },
): Promise<{ kind: 'created' | 'existing' }> {
  const { actor, context, memberId, postId } = options;
  return db.transaction(async (tx) => {
    const member = await partyCheckInRepository.memberInScope(tx, memberId, actor.scopePath);
    if (!member) throw new DomainError('not-found');
    const post = await partyCheckInRepository.lockPostInScope(tx, postId, actor.scopePath);
    if (post?.communityCode !== member.communityCode) {
      throw new DomainError('invalid-reference', { what: postId }, [{ field: 'postId', code: 'invalid' }]);
    }
    if (await partyCheckInRepository.holdsPost(tx, member.id, post.id)) return { kind: 'existing' };
    const taken = (await partyCheckInRepository.takenOf(tx, [post.id])).get(post.id) ?? 0;
    if (taken >= post.needed) throw new DomainError('service-post-full', { title: post.title });
    await partyCheckInRepository.choosePost(tx, member.id, post.id);
    await recordAudit(tx, context, {
      action: 'party-member.choose-post',
      objectType: 'party-member',
      objectId: member.id,
      scopePath: member.path,
      details: { postId: post.id },
    });
    return { kind: 'created' };
  });
}

/** Logs service a member gave on a post they hold. */
export async function logPartyService(
  db: Db,
  options: { actor: Actor; context: AuditContext; memberId: string; body: LogPartyServiceBody; now: Date },
): Promise<PartyServiceLog> {
  const { actor, context, memberId, body, now } = options;
  chinaDayRange(body.servedOn, 'servedOn');
  if (body.servedOn > chinaDayOf(now)) {
    throw new DomainError('validation', {}, [{ field: 'servedOn', code: 'not-future' }]);
  }
  return db.transaction(async (tx) => {
    const member = await partyCheckInRepository.memberInScope(tx, memberId, actor.scopePath);
    if (!member) throw new DomainError('not-found');
    if (!(await partyCheckInRepository.holdsPost(tx, member.id, body.postId))) {
      throw new DomainError('service-post-not-held');
    }
    const row = await partyCheckInRepository.insertLog(tx, {
      memberId: member.id,
      postId: body.postId,
      servedOn: body.servedOn,
      minutes: body.minutes,
      note: body.note.trim(),
      recordedBy: by(actor),
    });
    await recordAudit(tx, context, {
      action: 'party-service.log',
      objectType: 'party-member',
      objectId: member.id,
      scopePath: member.path,
      details: { postId: body.postId, servedOn: body.servedOn, minutes: body.minutes },
    });
    return {
      id: row.id,
      memberId: row.memberId,
      postId: row.postId,
      postTitle: '',
      servedOn: row.servedOn,
      minutes: row.minutes,
      note: row.note,
    };
  });
}

/** Organizations, members (with their posts and this quarter's minutes) and posts of my scope or a community in it. */
export async function partyCheckInOverview(
  db: Db,
  actor: Actor,
  options: { communityCode?: string | undefined; now: Date },
): Promise<PartyCheckInOverview> {
  const areaPath = options.communityCode
    ? (await communityInScope(db, options.communityCode, actor.scopePath)).path
    : actor.scopePath;
  const { organizations, members, posts, chosen } = await partyCheckInRepository.overview(db, areaPath);
  const quarter = quarterRange(quarterOf(chinaDayOf(options.now)));
  const minutes = quarter
    ? await partyCheckInRepository.minutesBetween(
        db,
        members.map((m) => m.member.id),
        quarter.from,
        quarter.to,
      )
    : new Map<string, number>();
  const taken = new Map<string, number>();
  for (const c of chosen) taken.set(c.postId, (taken.get(c.postId) ?? 0) + 1);
  return {
    organizations: organizations.map((o) => ({
      id: o.id,
      communityCode: o.communityCode,
      name: o.name,
      employer: o.employer,
      contact: o.contact,
      members: members.filter((m) => m.member.organizationId === o.id).length,
    })),
    members: members.map(({ member, organizationName }) => ({
      id: member.id,
      communityCode: member.communityCode,
      name: member.name,
      employer: member.employer,
      organizationId: member.organizationId,
      organizationName,
      postIds: chosen.filter((c) => c.memberId === member.id).map((c) => c.postId),
      minutesThisQuarter: minutes.get(member.id) ?? 0,
    })),
    posts: posts.map((p) => ({
      id: p.id,
      communityCode: p.communityCode,
      title: p.title,
      description: p.description,
      needed: p.needed,
      taken: taken.get(p.id) ?? 0,
    })),
  };
}
