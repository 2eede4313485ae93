import type {
  AddServiceProviderBody,
  Locale,
  ServiceDirectoryQuery,
  ServiceProvider,
  ServiceProviderList,
} from '@yiwang/contracts';
import { SERVICE_PROVIDER_KIND_LABELS } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { presentProvider } from '../present-volunteers.js';
import { regionInScope } from '../volunteer-community.js';
import { volunteersRepository } from '../volunteers.repository.js';

/** Adds a social organization or service provider serving a community, town or the county of my scope. */
export async function addServiceProvider(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: AddServiceProviderBody },
): Promise<{ kind: 'created'; value: ServiceProvider }> {
  const { actor, context, body } = options;
  const region = await regionInScope(db, body.regionCode, actor.scopePath);
  return db.transaction(async (tx) => {
    const row = await volunteersRepository.insertProvider(tx, {
      regionCode: region.code,
      path: region.path,
      kind: body.kind,
      name: body.name.trim(),
      offers: body.offers.trim(),
      address: body.address.trim(),
      contact: body.contact.trim(),
      hours: body.hours?.trim() || null,
    });
    await recordAudit(tx, context, {
      action: 'service-provider.add',
      objectType: 'service-provider',
      objectId: row.id,
      scopePath: region.path,
      details: { regionCode: region.code, kind: row.kind, name: row.name },
    });
    return { kind: 'created', value: presentProvider(row) };
  });
}

/**
 * The public service directory (no sign-in): what providers offer, where and how to reach
 * them; for a community, those serving it (its own, its town's, the county's).
 */
export async function searchServiceDirectory(db: Db, query: ServiceDirectoryQuery): Promise<ServiceProviderList> {
  let communityPath: string | undefined;
  if (query.communityCode) {
    const community = await regionsLookups.findByCode(db, query.communityCode);
    if (!community) throw new DomainError('not-found');
    communityPath = community.path;
  }
  const rows = await volunteersRepository.searchProviders(db, {
    ...(communityPath ? { communityPath } : {}),
    q: query.q,
    kind: query.kind,
  });
  return { items: rows.map(presentProvider) };
}

const COLUMNS: readonly ColumnSpec<ServiceProvider>[] = [
  { header: { 'zh-CN': '名称', 'en-US': 'Name' }, width: 24, value: (p) => p.name },
  { header: { 'zh-CN': '类别', 'en-US': 'Kind' }, width: 12, value: (p, l) => SERVICE_PROVIDER_KIND_LABELS[p.kind][l] },
  { header: { 'zh-CN': '服务内容', 'en-US': 'Offers' }, width: 36, value: (p) => p.offers },
  { header: { 'zh-CN': '地址', 'en-US': 'Address' }, width: 26, value: (p) => p.address },
  { header: { 'zh-CN': '联系方式', 'en-US': 'Contact' }, width: 16, value: (p) => p.contact },
  { header: { 'zh-CN': '服务时间', 'en-US': 'Hours' }, width: 16, value: (p) => p.hours },
  { header: { 'zh-CN': '服务区域', 'en-US': 'Region' }, width: 14, value: (p) => p.regionCode },
];

/** The directory of my scope as an Excel workbook (organizations' public contacts; audited like every export). */
export async function exportServiceDirectory(
  db: Db,
  actor: Actor,
  context: AuditContext,
  options: { query: ServiceDirectoryQuery; locale: Locale },
): Promise<{ bytes: Buffer }> {
  const rows = await volunteersRepository.searchProviders(db, {
    areaPath: actor.scopePath,
    q: options.query.q,
    kind: options.query.kind,
  });
  const bytes = await writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '服务机构名录', 'en-US': 'Service directory' },
        columns: COLUMNS,
        rows: rows.map(presentProvider),
      }),
    ],
    options.locale,
  );
  await recordAudit(db, context, {
    action: 'service-provider.export',
    objectType: 'service-provider',
    details: { providers: rows.length },
  });
  return { bytes };
}
