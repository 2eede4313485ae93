import type {
  BaseLayer,
  CaseCommandBody,
  CommandResult,
  IntakeResult,
  MatterList,
  MyReportList,
  Photo,
  PublicCaseView,
  RegisterResidentBody,
  ReportCaseBody,
  ResidentMap,
  ResidentPlace,
  SessionInfo,
} from '@yiwang/contracts';
import { ApiError, type HttpContext, queryString as query, type SendOptions, sendHttp } from '../shared/http';

/**
 * The portal's way to /api: the shared HTTP core (same-origin cookie, CSRF header on writes,
 * Accept-Language so that the server's messages come in the reader's language), kept apart
 * from the desk's client so that the portal's bundle carries none of the desk's dictionaries.
 * A failure throws {@link ApiError} (`message` is the server's, already translated; empty for
 * network trouble, code 'network').
 */

export { ApiError } from '../shared/http';

const state: HttpContext & {
  /** The server says the session is over (idle timeout, signed out elsewhere). */
  onUnauthenticated: () => void;
} = { csrfToken: null, locale: 'zh-CN', onUnauthenticated: () => {} };

/** The HTTP context the portal's calls share (CSRF token, language), for the co-governance pages' client. */
export const portalState = (): HttpContext & { onUnauthenticated: () => void } => state;

export function configurePortalApi(patch: Partial<typeof state>): void {
  Object.assign(state, patch);
}

async function call<T>(method: string, path: string, options: SendOptions = {}): Promise<T> {
  const result = await sendHttp<T>(state, method, path, options);
  if (result.ok) return result.body;
  if (result.code === 'unauthenticated') state.onUnauthenticated();
  throw ApiError.of(result);
}

export const portalApi = {
  /** The signed-in account, or null when nobody is (a 401 is an answer here, not an error). */
  async session(): Promise<SessionInfo | null> {
    try {
      return await call<SessionInfo>('GET', '/auth/session');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  login: (username: string, password: string) =>
    call<SessionInfo>('POST', '/auth/login', { json: { username, password } }),
  register: (body: RegisterResidentBody) => call<SessionInfo>('POST', '/auth/register-resident', { json: body }),
  logout: () => call<void>('POST', '/auth/logout'),
  matters: (q: string, category: string | undefined) =>
    call<MatterList>('GET', `/catalog/matters${query({ q: q.trim() || undefined, category })}`),
  map: () => call<ResidentMap>('GET', '/residents/map'),
  /** The offline base layer, for a pin map without tiles. */
  baseLayer: () => call<BaseLayer>('GET', '/map/base-layer'),
  place: (lon: number, lat: number) =>
    call<ResidentPlace>('GET', `/residents/place${query({ lon: String(lon), lat: String(lat) })}`),
  uploadPhoto(file: Blob, name: string): Promise<Photo> {
    const form = new FormData();
    form.append('file', file, name);
    return call<Photo>('POST', '/photos', { form });
  },
  /** With one Idempotency-Key per filled-in form, a retry after a lost answer cannot report twice. */
  report: (body: ReportCaseBody, idempotencyKey: string) =>
    call<IntakeResult>('POST', '/cases', { json: body, idempotencyKey }),
  myReports: () => call<MyReportList>('GET', '/residents/me/reports?limit=100'),
  rate: (code: string, body: Extract<CaseCommandBody, { type: 'rate' }>) =>
    call<CommandResult>('POST', `/cases/${encodeURIComponent(code)}/commands`, { json: body }),
  follow: (code: string, key: string) =>
    call<PublicCaseView>('GET', `/public/cases/${encodeURIComponent(code)}${query({ key })}`),
  thumbnailUrl: (code: string, key: string, photoId: string) =>
    `/api/public/cases/${encodeURIComponent(code)}/photos/${encodeURIComponent(photoId)}/thumbnail${query({ key })}`,
};
