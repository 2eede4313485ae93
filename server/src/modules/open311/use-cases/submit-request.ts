import type { Locale, Open311PostRequestBody, Role } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { sha256Hex } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { WriteResult } from '../../../platform/write-result.js';
import { accountsLookups, can, markApiKeyUsed } from '../../accounts/index.js';
import type { CaseDeps } from '../../cases/index.js';
import { reportCase, setReportMediaUrl } from '../../cases/index.js';
import type { FormAnswersInput } from '../../catalog/index.js';
import { catalogLookups } from '../../catalog/index.js';
import type { Open311Created } from '../present-open311.js';

export interface SubmitRequestInput {
  apiKey: string | undefined;
  body: Open311PostRequestBody;
  /** attribute[code]=value pairs of the form, by code. */
  attributes: FormAnswersInput;
  requestId: string;
  now: Date;
  /** The reader's language (Accept-Language; zh-CN by default), for service_notice. */
  locale: Locale;
}

const MERGED_NOTICE: Record<Locale, string> = {
  'zh-CN': '附近已有同一问题的未办结请求，本次反映已并入该请求。',
  'en-US': 'Joined an open request about the same problem nearby.',
};

/**
 * POST requests: an API key (api_key, same sha256 lookup as X-API-Key) allowed to report
 * files a case on the 'open311' channel, placed by lat/long (WGS84) or, failing that, by
 * the address for the operator to place in the key's region. 403 for a missing or
 * unknown key, 404 for an unknown service_code, 400 for a missing location or bad
 * attributes. A request is always created at once, so the answer names it by
 * service_request_id and carries no token (GeoReport: one or the other, never both).
 */
export async function submitServiceRequest(
  deps: CaseDeps,
  input: SubmitRequestInput,
): Promise<WriteResult<Open311Created>> {
  const { now } = input;
  const key = await apiKeyOf(deps.db, input.apiKey, now);
  const { body } = input;
  const matter = await catalogLookups.findCurrent(deps.db, body.service_code);
  if (!matter?.active) throw new DomainError('not-found');
  const hasPoint = body.lat !== undefined && body.long !== undefined;
  const address = body.address_string?.trim() || (body.address_id ? `address_id:${body.address_id}` : undefined);
  if (!hasPoint && !address) throw new DomainError('validation', {}, [{ field: 'lat', code: 'required' }]);
  const name = [body.last_name?.trim(), body.first_name?.trim()].filter(Boolean).join(' ');
  const mediaUrl = mediaUrlOf(body.media_url);
  const outcome = await reportCase(
    mediaUrl ? withMediaUrl(deps, mediaUrl) : deps,
    { actor: { id: key.id, label: `api-key:${key.name}` }, requestId: input.requestId },
    {
      channel: 'open311',
      matterCode: matter.code,
      description: body.description?.trim() || matter.name,
      point: hasPoint ? { lon: body.long as number, lat: body.lat as number, crs: 'WGS84' } : undefined,
      address,
      reporter: { userId: null, name: name || null, phone: body.phone ?? null, anonymous: !name },
      formAnswers: input.attributes,
      fallbackRegionCode: key.scopeRegionCode,
      photoScopePath: key.scopePath,
      reporterScopePath: key.scopePath,
    },
    { now, showSuggestions: false },
  );
  const merged = outcome.value.outcome === 'merged';
  return {
    kind: merged ? 'updated' : 'created',
    value: {
      service_request_id: outcome.value.case.code,
      service_notice: merged ? MERGED_NOTICE[input.locale] : null,
      account_id: null,
    },
  };
}

const MAX_MEDIA_URL = 2000;

/**
 * GeoReport's media_url: a link to the reporter's picture. Kept only as an absolute
 * http(s) URL (normalized, so it is a valid URI when shown back), at most 2000 characters;
 * anything else is a 400 naming the field. Blank is none.
 */
export function mediaUrlOf(raw: string | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError('validation', {}, [{ field: 'media_url', code: 'url' }]);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new DomainError('validation', {}, [{ field: 'media_url', code: 'url' }]);
  }
  if (url.href.length > MAX_MEDIA_URL) {
    throw new DomainError('validation', {}, [
      { field: 'media_url', code: 'maxLength', params: { limit: MAX_MEDIA_URL } },
    ]);
  }
  return url.href;
}

/**
 * The intake writes the case, the report and, last, its audit row in one transaction
 * (report-case.ts). The media URL is stored on the report in that same transaction, just
 * before the audit row, and named in it: a request and its media_url commit together.
 */
function withMediaUrl(deps: CaseDeps, mediaUrl: string): CaseDeps {
  return {
    ...deps,
    audit: async (tx, context, event) => {
      const reportId = event.details?.reportId;
      if (typeof reportId !== 'string') throw new Error('intake audit without the report id');
      await setReportMediaUrl(tx, reportId, mediaUrl);
      await deps.audit(tx, context, { ...event, details: { ...event.details, mediaUrl } });
    },
  };
}

/** The key's sha256 is looked up like X-API-Key's; it must be live and allowed to report. */
async function apiKeyOf(db: Db, secret: string | undefined, now: Date) {
  if (!secret) throw new DomainError('forbidden');
  const found = await accountsLookups.findActiveApiKeyByHash(db, sha256Hex(secret));
  if (!found || !can(found.key.roles as Role[], 'cases.report')) throw new DomainError('forbidden');
  await markApiKeyUsed(db, found.key, now);
  const { id, name, scopeRegionCode } = found.key;
  return { id, name, scopeRegionCode, scopePath: found.scopePath };
}
