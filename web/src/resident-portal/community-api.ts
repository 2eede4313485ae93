import type {
  ActivityList,
  FundCommunityList,
  FundLedger,
  MyVolunteering,
  RegisterVolunteerBody,
  ServiceProviderList,
  Signup,
  Volunteer,
} from '@yiwang/contracts';
import { queryString as query, sendHttp } from '../shared/http';
import { ApiError, portalState } from './portal-api';

async function call<T>(method: string, path: string, json?: unknown): Promise<T> {
  const result = await sendHttp<T>(portalState(), method, path, json === undefined ? {} : { json });
  if (result.ok) return result.body;
  throw ApiError.of(result);
}

/** The portal's calls for the community fund, volunteering and the service directory. */
export const communityApi = {
  fundCommunities: () => call<FundCommunityList>('GET', '/public/community-funds'),
  fundLedger: (code: string) => call<FundLedger>('GET', `/public/community-funds/${encodeURIComponent(code)}`),
  services: (q: string, kind: string | undefined) =>
    call<ServiceProviderList>('GET', `/public/service-directory${query({ q: q.trim() || undefined, kind })}`),
  myVolunteering: () => call<MyVolunteering>('GET', '/volunteers/me'),
  joinAsVolunteer: (body: RegisterVolunteerBody) => call<Volunteer>('POST', '/volunteers/me', body),
  activities: () => call<ActivityList>('GET', '/volunteer-activities'),
  signUp: (shiftId: string) => call<Signup>('POST', `/volunteer-shifts/${encodeURIComponent(shiftId)}/sign-ups`),
};
