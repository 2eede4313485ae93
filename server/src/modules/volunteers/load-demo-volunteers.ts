import type { Executor } from '../../db/client.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { accountsLookups } from '../accounts/index.js';
import { regionsLookups } from '../regions/index.js';
import { volunteersRepository } from './volunteers.repository.js';

const DEMO_COMMUNITY = '320281001001'; // 文定社区
const HOUR = 3_600_000;

const PROVIDERS = [
  {
    kind: 'hospital',
    name: '澄江街道社区卫生服务中心',
    offers: '家庭医生签约、老年人体检、慢病随访、上门护理',
    address: '澄江街道文定路18号',
    contact: '0510-86000120',
    hours: '周一至周日 8:00–17:00',
  },
  {
    kind: 'school',
    name: '文定实验小学',
    offers: '周末操场开放、暑期托管、家长课堂',
    address: '文定路66号',
    contact: '0510-86000166',
    hours: '周六 8:00–11:00',
  },
  {
    kind: 'housekeeping',
    name: '江阴安心家政服务有限公司',
    offers: '保洁、助浴、陪护、钟点工；高龄老人上门服务',
    address: '人民中路200号',
    contact: '0510-86000888',
    hours: '每天 7:00–20:00',
  },
  {
    kind: 'association',
    name: '文定社区老年协会',
    offers: '助老结对、文体活动、矛盾调解',
    address: '文定社区党群服务中心二楼',
    contact: '0510-86000199',
    hours: '周一至周五 9:00–16:00',
  },
  {
    kind: 'social-organization',
    name: '江阴市暖阳社会工作服务中心',
    offers: '困境儿童关爱、独居老人探访、心理疏导',
    address: '澄江街道虹桥北路9号',
    contact: '0510-86000555',
    hours: null,
  },
] as const;

/**
 * The demo community's service directory, two volunteers (the demo resident among them) and a
 * clean-up activity with a shift tomorrow morning. Deterministic: fixed texts, times from `now`.
 */
export async function loadDemoVolunteers(tx: Executor, { now }: DemoContext): Promise<DemoTally> {
  const community = await regionsLookups.findByCode(tx, DEMO_COMMUNITY);
  const organizer = await accountsLookups.findUserByUsername(tx, 'workstation');
  const resident = await accountsLookups.findUserByUsername(tx, 'resident');
  if (!community || !organizer) return {};
  for (const p of PROVIDERS) {
    await volunteersRepository.insertProvider(tx, { ...p, regionCode: community.code, path: community.path });
  }
  const base = { communityCode: community.code, path: community.path };
  if (resident) {
    await volunteersRepository.insertVolunteer(tx, {
      ...base,
      userId: resident.id,
      name: '李明',
      skills: ['电脑维修', '陪伴老人'],
      availability: '周末上午',
      training: ['急救培训'],
    });
  }
  await volunteersRepository.insertVolunteer(tx, {
    ...base,
    name: '王秀英',
    skills: ['理发', '手工'],
    availability: '工作日下午',
    training: [],
  });
  const activity = await volunteersRepository.insertActivity(tx, {
    ...base,
    title: '文定花园环境清洁日',
    description: '清理楼道杂物和绿化带垃圾，工具由社区提供。',
    place: '文定花园北门集合',
    capPoints: 8,
    organizerId: organizer.id,
  });
  const tomorrow9 = new Date(Math.ceil(now.getTime() / HOUR) * HOUR + 20 * HOUR);
  await volunteersRepository.insertShifts(tx, [
    { activityId: activity.id, startsAt: tomorrow9, endsAt: new Date(tomorrow9.getTime() + 3 * HOUR), capacity: 10 },
  ]);
  return { serviceProviders: PROVIDERS.length, volunteers: resident ? 2 : 1, volunteerActivities: 1 };
}
