import type {
  CaseCommandBody,
  CommandResult,
  ErrorBody,
  IntakeResult,
  Locale,
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

/**
 * The portal's way to /api: same-origin cookie, CSRF header on writes, Accept-Language so
 * that the server's messages come in the reader's language. Kept apart from the desk's
 * client so that the portal's bundle carries none of the desk's dictionaries.
 */

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** A failed call. `message` is the server's, already translated; empty for network trouble (code 'network'). */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

const state: {
  csrfToken: string | null;
  locale: Locale;
  /** The server says the session is over (idle timeout, signed out elsewhere). */
  onUnauthenticated: () => void;
} = { csrfToken: null, locale: 'zh-CN', onUnauthenticated: () => {} };

export function configurePortalApi(patch: Partial<typeof state>): void {
  Object.assign(state, patch);
}

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' && value !== null && typeof (value as ErrorBody).error?.code === 'string';

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.locale,
    ...extraHeaders,
  };
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new PortalError(0, 'network', '');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      const { code, message, details } = payload.error;
      if (code === 'unauthenticated') state.onUnauthenticated();
      throw new PortalError(response.status, code, message, details ?? []);
    }
    throw new PortalError(response.status, 'http', '');
  }
  return payload as T;
}

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const portalApi = {
  /** The signed-in account, or null when nobody is (a 401 is an answer here, not an error). */
  async session(): Promise<SessionInfo | null> {
    try {
      return await call<SessionInfo>('GET', '/auth/session');
    } catch (error) {
      if (error instanceof PortalError && error.status === 401) return null;
      throw error;
    }
  },
  login: (username: string, password: string) => call<SessionInfo>('POST', '/auth/login', { username, password }),
  register: (body: RegisterResidentBody) => call<SessionInfo>('POST', '/auth/register-resident', body),
  logout: () => call<void>('POST', '/auth/logout'),
  matters: (q: string, category: string | undefined) =>
    call<MatterList>('GET', `/catalog/matters${query({ q: q.trim() || undefined, category })}`),
  map: () => call<ResidentMap>('GET', '/residents/map'),
  place: (lon: number, lat: number) =>
    call<ResidentPlace>('GET', `/residents/place${query({ lon: String(lon), lat: String(lat) })}`),
  uploadPhoto(file: Blob, name: string): Promise<Photo> {
    const form = new FormData();
    form.append('file', file, name);
    return call<Photo>('POST', '/photos', form);
  },
  /** With one Idempotency-Key per filled-in form, a retry after a lost answer cannot report twice. */
  report: (body: ReportCaseBody, idempotencyKey: string) =>
    call<IntakeResult>('POST', '/cases', body, { 'Idempotency-Key': idempotencyKey }),
  myReports: () => call<MyReportList>('GET', '/residents/me/reports?limit=100'),
  rate: (code: string, body: Extract<CaseCommandBody, { type: 'rate' }>) =>
    call<CommandResult>('POST', `/cases/${encodeURIComponent(code)}/commands`, body),
  follow: (code: string, key: string) =>
    call<PublicCaseView>('GET', `/public/cases/${encodeURIComponent(code)}${query({ key })}`),
  thumbnailUrl: (code: string, key: string, photoId: string) =>
    `/api/public/cases/${encodeURIComponent(code)}/photos/${encodeURIComponent(photoId)}/thumbnail${query({ key })}`,
};
