import type { Locale } from '@yiwang/contracts';
import { isOpenState, MATTER_CATEGORY_LABELS } from '@yiwang/contracts';
import type { CatalogMatter } from '../catalog/index.js';
import { fields, type XmlElement } from './xml.js';

/** GeoReport v2 shapes, as the JSON Schemas in ../shared/open311 describe them. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
  keywords: string | null;
  group: string | null;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: string;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/**
 * The answer to a POST. GeoReport returns service_request_id when the request exists at
 * once and a token only when it does not yet; the intake always creates (or merges) at
 * once, so the answer never carries a token.
 */
export interface Open311Created {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface Open311Token {
  service_request_id: string;
  token: string;
}

export interface Open311Error {
  code: number;
  description: string;
}

export const open311Status = (state: string): 'open' | 'closed' => (isOpenState(state) ? 'open' : 'closed');

/** China has no daylight saving time: every local time is UTC+08:00. */
export function isoWithOffset(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function presentService(matter: CatalogMatter, locale: Locale): Open311Service {
  const en = locale === 'en-US';
  const group = MATTER_CATEGORY_LABELS[matter.category][locale];
  return {
    service_code: matter.code,
    service_name: en ? matter.nameEn : matter.name,
    description: en ? matter.name : matter.nameEn,
    metadata: matter.formFields.length > 0,
    type: 'realtime',
    keywords: matter.keywords.length > 0 ? matter.keywords.join(',') : null,
    group,
  };
}

const DATATYPE_HINTS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  number: { 'zh-CN': '数字', 'en-US': 'A number' },
  datetime: { 'zh-CN': 'ISO 8601 日期时间', 'en-US': 'An ISO 8601 date and time' },
  multivaluelist: { 'zh-CN': '可多选', 'en-US': 'One or more of the values' },
  singlevaluelist: { 'zh-CN': '单选', 'en-US': 'One of the values' },
};

export function presentServiceDefinition(matter: CatalogMatter, locale: Locale): Open311ServiceDefinition {
  const en = locale === 'en-US';
  return {
    service_code: matter.code,
    attributes: matter.formFields.map((field, index) => ({
      variable: true,
      code: field.code,
      datatype: field.datatype,
      required: field.required,
      datatype_description: DATATYPE_HINTS[field.datatype]?.[locale] ?? null,
      order: index + 1,
      description: en ? field.descriptionEn : field.description,
      ...(field.values ? { values: field.values.map((v) => ({ key: v.key, name: en ? v.nameEn : v.name })) } : {}),
    })),
  };
}

/** Timeline event types as a sentence for status_notes. */
const EVENT_NOTES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  reported: { 'zh-CN': '已受理，等待立案', 'en-US': 'Received, awaiting registration' },
  located: { 'zh-CN': '已定位', 'en-US': 'Placed on the map' },
  registered: { 'zh-CN': '已立案', 'en-US': 'Registered as a case' },
  voided: { 'zh-CN': '已作废', 'en-US': 'Voided' },
  dispatched: { 'zh-CN': '已派遣至处置单位', 'en-US': 'Dispatched to the responsible unit' },
  redispatched: { 'zh-CN': '已改派', 'en-US': 'Dispatched to another unit' },
  accepted: { 'zh-CN': '处置单位已接单，正在处置', 'en-US': 'Accepted by the unit, being handled' },
  returned: { 'zh-CN': '处置单位退单，等待复核', 'en-US': 'Returned by the unit, under review' },
  return_upheld: { 'zh-CN': '退单成立，等待重新派遣', 'en-US': 'Return upheld, awaiting dispatch' },
  return_rejected: { 'zh-CN': '退单未成立，继续处置', 'en-US': 'Return rejected, handling continues' },
  feedback_submitted: { 'zh-CN': '已处置，等待核查', 'en-US': 'Handled, awaiting verification' },
  verification_passed: { 'zh-CN': '核查通过', 'en-US': 'Verified' },
  verification_failed: { 'zh-CN': '核查未通过，返工处置', 'en-US': 'Verification failed, being reworked' },
  closed: { 'zh-CN': '已结案', 'en-US': 'Closed' },
  rated: { 'zh-CN': '已回访评价', 'en-US': 'Rated' },
  reopened: { 'zh-CN': '评价不满意，重新处置', 'en-US': 'Reopened after a dissatisfied rating' },
  archived: { 'zh-CN': '已归档', 'en-US': 'Archived' },
  held: { 'zh-CN': '已挂账', 'en-US': 'On hold' },
  resumed: { 'zh-CN': '已恢复处置', 'en-US': 'Resumed' },
  extension_requested: { 'zh-CN': '申请延期', 'en-US': 'Extension requested' },
  extension_approved: { 'zh-CN': '延期已批准', 'en-US': 'Extension approved' },
  extension_rejected: { 'zh-CN': '延期未批准', 'en-US': 'Extension rejected' },
  extension_withdrawn: { 'zh-CN': '延期申请已撤回', 'en-US': 'Extension request withdrawn' },
  supervised: { 'zh-CN': '已督办', 'en-US': 'Under supervision' },
  escalated: { 'zh-CN': '已上报上级处理', 'en-US': 'Escalated one level up' },
  whistle_blown: { 'zh-CN': '街乡吹哨，部门报到', 'en-US': 'Departments summoned' },
  unit_arrived: { 'zh-CN': '部门已报到', 'en-US': 'A summoned unit arrived' },
  unit_part_recorded: { 'zh-CN': '部门已处置其部分', 'en-US': 'A summoned unit recorded its part' },
  report_merged: { 'zh-CN': '同一问题的新反映已合并', 'en-US': 'Another report of the same problem merged' },
  cases_merged: { 'zh-CN': '已与同一问题合并', 'en-US': 'Merged with the same problem' },
  time_warning: { 'zh-CN': '临近处置时限', 'en-US': 'Nearing its time limit' },
  time_overdue: { 'zh-CN': '已超过处置时限', 'en-US': 'Past its time limit' },
  callback_due: { 'zh-CN': '等待回访', 'en-US': 'Awaiting the callback' },
  hold_review_due: { 'zh-CN': '挂账到期，待复查', 'en-US': 'On hold, due for review' },
};

export const statusNote = (eventType: string | null, locale: Locale): string | null =>
  eventType ? (EVENT_NOTES[eventType]?.[locale] ?? null) : null;

/** What a public request shows: no reporter, no phone, no internal ids. */
export interface RequestSource {
  code: string;
  state: string;
  matterCode: string;
  matterName: string;
  matterNameEn: string;
  description: string;
  assignedUnitName: string | null;
  commandUnitName: string;
  createdAt: Date;
  updatedAt: Date;
  handleDueAt: Date | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  lastEventType: string | null;
  mediaUrl: string | null;
  firstPhotoId: string | null;
}

/** Where the public media of this server are: `${origin}/open311/v2/media/{photo id}.jpg`. */
export const mediaPathOf = (photoId: string) => `/open311/v2/media/${photoId}.jpg`;

/**
 * A request as GeoReport shows it. media_url: the link a reporter sent, else the shared
 * copy of the first photo reported with it (no EXIF, no GPS), served at `origin`.
 */
/**
 * A reporter's words shown to the public: runs of 7 or more digits (phone, ID, plate or
 * account numbers a reporter may type in) are blanked. Names in free text cannot be told
 * apart reliably, which is why only matters about things in public space are listed at all.
 */
export const withoutNumbers = (text: string): string =>
  text.replace(/\d(?:[\s-]?\d){6,}[Xx]?/g, (run) => '*'.repeat(Math.min(run.length, 11)));

export function presentRequest(row: RequestSource, locale: Locale, origin: string): Open311Request {
  return {
    service_request_id: row.code,
    status: open311Status(row.state),
    status_notes: statusNote(row.lastEventType, locale),
    service_name: locale === 'en-US' ? row.matterNameEn : row.matterName,
    service_code: row.matterCode,
    description: withoutNumbers(row.description).slice(0, 4000),
    agency_responsible: row.assignedUnitName ?? row.commandUnitName,
    service_notice: null,
    requested_datetime: isoWithOffset(row.createdAt),
    updated_datetime: isoWithOffset(row.updatedAt),
    expected_datetime: row.handleDueAt ? isoWithOffset(row.handleDueAt) : null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: row.mediaUrl ?? (row.firstPhotoId ? `${origin}${mediaPathOf(row.firstPhotoId)}` : null),
  };
}

// ── XML ─────────────────────────────────────────────────────────────────────────────

export const servicesXml = (list: readonly Open311Service[]): XmlElement => [
  'services',
  list.map((s) => ['service', fields({ ...s })] as const),
];

export const serviceDefinitionXml = (definition: Open311ServiceDefinition): XmlElement => [
  'service_definition',
  [
    ['service_code', definition.service_code],
    [
      'attributes',
      definition.attributes.map(({ values, ...attribute }) => [
        'attribute',
        [
          ...fields({ ...attribute }),
          ...(values ? [['values', values.map((v) => ['value', fields(v)] as const)] as const] : []),
        ],
      ]),
    ],
  ],
];

export const requestsXml = (list: readonly (Open311Request | Open311Created | Open311Token)[]): XmlElement => [
  'service_requests',
  list.map((r) => ['request', fields({ ...r })] as const),
];

export const errorsXml = (list: readonly Open311Error[]): XmlElement => [
  'errors',
  list.map((e) => ['error', fields({ ...e })] as const),
];

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: string; formats: string[] }[];
}

export const discoveryXml = (d: Open311Discovery): XmlElement => [
  'discovery',
  [
    ['changeset', d.changeset],
    ['contact', d.contact],
    ['key_service', d.key_service],
    [
      'endpoints',
      d.endpoints.map(({ formats, ...e }) => [
        'endpoint',
        [...fields(e), ['formats', formats.map((f) => ['format', f] as const)] as const],
      ]),
    ],
  ],
];
