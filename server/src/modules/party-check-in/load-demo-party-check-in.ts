import type { Executor } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { regionsLookups } from '../regions/index.js';
import { partyCheckInRepository } from './party-check-in.repository.js';

const DEMO_COMMUNITY = '320281001001'; // 文定社区

/** The demo community's needs list, one checked-in party organization and member who took a post and served once. */
export async function loadDemoPartyCheckIn(tx: Executor, { now }: DemoContext): Promise<DemoTally> {
  const community = await regionsLookups.findByCode(tx, DEMO_COMMUNITY);
  if (!community) return {};
  const base = { communityCode: community.code, path: community.path };
  const organization = await partyCheckInRepository.insertOrganization(tx, {
    ...base,
    name: '江阴市税务局第二党支部',
    employer: '国家税务总局江阴市税务局',
    contact: '0510-86000321',
  });
  const posts = [
    await partyCheckInRepository.insertPost(tx, {
      ...base,
      title: '楼道长',
      description: '联系本楼住户，收集诉求',
      needed: 10,
    }),
    await partyCheckInRepository.insertPost(tx, {
      ...base,
      title: '独居老人结对帮扶',
      description: '每月上门探望两次',
      needed: 6,
    }),
    await partyCheckInRepository.insertPost(tx, {
      ...base,
      title: '文明交通劝导',
      description: '上下学时段路口劝导',
      needed: 4,
    }),
  ];
  const member = await partyCheckInRepository.insertMember(tx, {
    ...base,
    name: '陈志强',
    employer: '国家税务总局江阴市税务局',
    organizationId: organization.id,
  });
  const post = posts[1];
  if (post) {
    await partyCheckInRepository.choosePost(tx, member.id, post.id);
    await partyCheckInRepository.insertLog(tx, {
      memberId: member.id,
      postId: post.id,
      servedOn: chinaDayOf(new Date(now.getTime() - 3 * 86_400_000)),
      minutes: 90,
      note: '探望文定花园4幢独居老人，帮助更换灯泡',
    });
  }
  return { partyOrganizations: 1, partyMembers: 1, servicePosts: posts.length };
}
