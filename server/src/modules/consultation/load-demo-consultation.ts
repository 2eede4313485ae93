import type { Executor } from '../../db/client.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { createSeededRandom } from '../../platform/seeded-random.js';
import { accountsLookups, addDemoAccounts } from '../accounts/index.js';
import { regionsLookups } from '../regions/index.js';
import { consultationRepository } from './consultation.repository.js';
import { MEETING_TYPE_RULES, registrationCode, supporterKeyOf } from './domain/consultation-rules.js';

const COMMUNITY = '320281001001'; // 文定社区
const DAY_MS = 86_400_000;

/** The demo's neighbours of the demo resident (文定社区), who support topics and register for the meeting. */
export const DEMO_NEIGHBOURS = [
  { username: 'resident2', displayName: '居民张秀英' },
  { username: 'resident3', displayName: '居民陈建国' },
  { username: 'resident4', displayName: '居民刘桂兰' },
  { username: 'resident5', displayName: '居民赵志强' },
  { username: 'resident6', displayName: '居民孙玉梅' },
];

/**
 * 文定社区's consultation: a topic past its threshold on the agenda of next week's 议事会, a topic
 * still gathering support, and one that expired (shown as expired). Deterministic (seeded codes).
 */
export async function loadDemoConsultation(tx: Executor, { now, passwordHash }: DemoContext): Promise<DemoTally> {
  const community = await regionsLookups.findByCode(tx, COMMUNITY);
  const resident = await accountsLookups.findUserByUsername(tx, 'resident');
  const desk = await accountsLookups.findUserByUsername(tx, 'workstation');
  if (!community || !resident || !desk) return {};
  const neighbours = await addDemoAccounts(
    tx,
    DEMO_NEIGHBOURS.map((n) => ({ ...n, passwordHash, roles: ['resident'], scopeRegionCode: COMMUNITY, unitId: null })),
  );
  const random = createSeededRandom(20261203);
  const place = { regionCode: community.code, communityPath: community.path, path: community.path };
  const days = (n: number) => new Date(now.getTime() + n * DAY_MS);

  const lift = await consultationRepository.insertTopic(tx, {
    ...place,
    title: '文定花园6幢加装电梯',
    body: '6幢是老楼，住着很多老人，上下楼很难。希望社区牵头征求全楼意见，申请加装电梯。',
    gridCode: null,
    raisedBy: resident.id,
    raisedVia: 'portal',
    threshold: 5,
    supportCount: 5,
    state: 'on_agenda',
    qualifiedAt: days(-2),
    expiresAt: days(20),
    createdAt: days(-10),
  });
  for (const n of neighbours) {
    await consultationRepository.addSupport(tx, {
      topicId: lift.id,
      supporterKey: supporterKeyOf({ userId: n.id, householdId: null }),
      userId: n.id,
      createdAt: days(-5),
    });
  }
  const shed = await consultationRepository.insertTopic(tx, {
    ...place,
    title: '小区南门增设非机动车停车棚',
    body: '南门电动车乱停，下雨天没有地方放。建议在南门空地建一个带充电桩的停车棚。',
    gridCode: null,
    raisedBy: desk.id,
    raisedVia: 'desk',
    threshold: 5,
    supportCount: 2,
    state: 'open',
    expiresAt: days(25),
    createdAt: days(-3),
  });
  for (const n of neighbours.slice(0, 2)) {
    await consultationRepository.addSupport(tx, {
      topicId: shed.id,
      supporterKey: supporterKeyOf({ userId: n.id, householdId: null }),
      userId: n.id,
      createdAt: days(-2),
    });
  }
  await consultationRepository.insertTopic(tx, {
    ...place,
    title: '广场舞音乐晚上九点后停止',
    body: '晚上广场舞音乐太响，影响休息，建议九点以后停止。',
    gridCode: null,
    raisedBy: resident.id,
    raisedVia: 'portal',
    threshold: 5,
    supportCount: 1,
    state: 'expired',
    expiresAt: days(-3),
    expiredAt: days(-3),
    createdAt: days(-33),
  });

  const rules = MEETING_TYPE_RULES.council;
  const meeting = await consultationRepository.insertMeeting(tx, {
    title: '文定社区第四季度议事会',
    meetingType: 'council',
    regionCode: community.code,
    path: community.path,
    startsAt: days(7),
    place: '文定社区党群服务中心二楼会议室',
    ...rules,
    convenedBy: desk.id,
    createdAt: days(-1),
  });
  await consultationRepository.insertAgendaItem(tx, {
    meetingId: meeting.id,
    topicId: lift.id,
    position: 1,
    title: lift.title,
  });
  await consultationRepository.insertAgendaItem(tx, {
    meetingId: meeting.id,
    position: 2,
    title: '社区公共收益使用计划',
  });
  for (const n of neighbours.slice(0, 3)) {
    await consultationRepository.insertRegistration(tx, {
      meetingId: meeting.id,
      userId: n.id,
      voterKey: supporterKeyOf({ userId: n.id, householdId: null }),
      name: DEMO_NEIGHBOURS.find((d) => d.username === n.username)?.displayName ?? n.username,
      code: registrationCode(random),
      createdAt: days(-1),
    });
  }
  return { topics: 3, meetings: 1 };
}
