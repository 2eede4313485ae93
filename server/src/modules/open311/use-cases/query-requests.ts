import type { Locale, Open311RequestsQuery } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { PhotoStorage } from '../../photos/index.js';
import { open311Repository, type RequestFilter } from '../open311.repository.js';
import { type Open311Request, type Open311Token, presentRequest } from '../present-open311.js';

const MAX_RESULTS = 1000;
const DEFAULT_SPAN_MS = 90 * 24 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * GeoReport's filters: service_request_id (comma list) overrides the rest; otherwise
 * service_code, status and a date span that defaults to the last 90 days (or 90 days
 * from a start, or up to an end), newest first, at most 1000. Pure.
 */
export function requestFilterOf(query: Open311RequestsQuery, now: Date): RequestFilter {
  const codes = list(query.service_request_id);
  if (codes?.length) return { codes: codes.slice(0, MAX_RESULTS), limit: MAX_RESULTS };
  const start = query.start_date ? new Date(query.start_date) : undefined;
  const end = query.end_date ? new Date(query.end_date) : undefined;
  if (start && end && start > end) {
    throw new DomainError('validation', {}, [{ field: 'start_date', code: 'invalid' }]);
  }
  const statuses = new Set(list(query.status));
  const serviceCodes = list(query.service_code);
  return {
    ...(serviceCodes?.length ? { serviceCodes } : {}),
    start: start ?? new Date((end ?? now).getTime() - DEFAULT_SPAN_MS),
    ...(end ? { end } : start ? { end: new Date(start.getTime() + DEFAULT_SPAN_MS) } : {}),
    ...(statuses.size === 1 ? { status: [...statuses][0] as 'open' | 'closed' } : {}),
    limit: MAX_RESULTS,
  };
}

/** GET requests: public facts of cases, no reporter. */
export async function listRequests(
  db: Executor,
  query: Open311RequestsQuery,
  options: { locale: Locale; origin: string; now: Date },
): Promise<Open311Request[]> {
  const rows = await open311Repository.findRequests(db, requestFilterOf(query, options.now));
  return rows.map((row) => presentRequest(row, options.locale, options.origin));
}

/** GET requests/{id}: one case by its code; 404 if there is none. */
export async function getRequest(
  db: Executor,
  id: string,
  options: { locale: Locale; origin: string },
): Promise<Open311Request> {
  const [row] = await open311Repository.findRequests(db, { codes: [id], limit: 1 });
  if (!row) throw new DomainError('not-found');
  return presentRequest(row, options.locale, options.origin);
}

/** GET tokens/{token}: the case an Open311 report (its id is the token) ended in. */
export async function findToken(db: Executor, token: string): Promise<Open311Token> {
  const code = UUID.test(token) ? await open311Repository.caseCodeOfReport(db, token) : undefined;
  if (!code) throw new DomainError('not-found');
  return { service_request_id: code, token };
}

/** The shared copy of a photo reported with a request, or null (not such a photo, or its file is gone). */
export async function readReportedPhoto(db: Executor, storage: PhotoStorage, photoId: string): Promise<Buffer | null> {
  const key = await open311Repository.reportedPhotoKey(db, photoId);
  return key ? ((await storage.get(key)) ?? null) : null;
}
