import type {
  AgendaItem,
  CommunityList,
  Decision,
  DecisionList,
  Meeting,
  MeetingList,
  MyCommunity,
  NoticeList,
  Registration,
  Topic,
  TopicList,
  VoteBody,
} from '@yiwang/contracts';
import { ApiError, sendHttp } from '../shared/http';
import { portalState } from './portal-api';

async function call<T>(method: string, path: string, json?: unknown): Promise<T> {
  const state = portalState();
  const result = await sendHttp<T>(state, method, path, json === undefined ? {} : { json });
  if (result.ok) return result.body;
  if (result.code === 'unauthenticated') state.onUnauthenticated();
  throw ApiError.of(result);
}

/** The portal's consultation calls (topics, meetings, decisions, notices). */
export const consultApi = {
  myCommunity: () => call<MyCommunity>('GET', '/consultation/my-community'),
  communities: () => call<CommunityList>('GET', '/consultation/communities'),
  join: (regionCode: string) => call<MyCommunity>('PUT', '/consultation/my-community', { regionCode }),
  topics: () => call<TopicList>('GET', '/topics'),
  raise: (title: string, body: string) => call<Topic>('POST', '/topics', { title, body }),
  support: (id: string, support: boolean) => call<Topic>(support ? 'PUT' : 'DELETE', `/topics/${id}/support`),
  meetings: () => call<MeetingList>('GET', '/meetings'),
  meeting: (id: string) => call<Meeting>('GET', `/meetings/${id}`),
  register: (id: string) => call<Registration>('POST', `/meetings/${id}/registrations`, {}),
  vote: (id: string, itemId: string, choice: VoteBody['choice']) =>
    call<AgendaItem>('PUT', `/meetings/${id}/agenda/${itemId}/my-vote`, { choice }),
  decisions: () => call<DecisionList>('GET', '/decisions'),
  decision: (id: string) => call<Decision>('GET', `/decisions/${id}`),
  notices: () => call<NoticeList>('GET', '/notices/mine'),
  read: (id: string) => call<null>('POST', `/notices/${id}/read`),
};
