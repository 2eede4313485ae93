import {
  type BuildingPage,
  DWELLING_USE_LABELS,
  FACILITY_STATE_LABELS,
  type Facility,
  type FacilityList,
  HOUSEHOLD_KIND_LABELS,
  HOUSEHOLD_RELATION_LABELS,
  type Locale,
  ORGANIZATION_KIND_LABELS,
  type Organization,
  type OrganizationList,
  type Person,
  RESIDENCE_KIND_LABELS,
  type RegistryListQuery,
  type RegistrySearchHit,
  type RegistrySearchQuery,
  SEX_LABELS,
} from '@yiwang/contracts';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, checkExportSize, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { presentFacility, presentOrganization } from '../present-registry.js';
import type { RegistryDeps } from '../registry-deps.js';
import { registryLinksRepository } from '../registry-links.repository.js';
import { getBuildingPage } from './read-pages.js';
import { searchRegistry } from './search-registry.js';

/*
 * The registry desk's lists as Excel: each the list's own query and scope, capped by the
 * installation's export limit, people masked exactly as on the page (ID number and phone masks,
 * never the sealed values), one audit row per file.
 */

export interface ExportOptions {
  actor: Actor;
  context: AuditContext;
  locale: Locale;
  maxRows: number;
}

const SEARCH_KIND_LABELS: Record<RegistrySearchHit['kind'], { 'zh-CN': string; 'en-US': string }> = {
  person: { 'zh-CN': '人口', 'en-US': 'Person' },
  household: { 'zh-CN': '户', 'en-US': 'Household' },
  address: { 'zh-CN': '地址', 'en-US': 'Address' },
  building: { 'zh-CN': '楼栋', 'en-US': 'Building' },
  organization: { 'zh-CN': '组织', 'en-US': 'Organization' },
  dwelling: { 'zh-CN': '房屋', 'en-US': 'Dwelling' },
};

/** The search results (at most the search's own page of 100) as the results table shows them. */
export async function exportSearchResults(
  deps: RegistryDeps,
  options: ExportOptions & { query: RegistrySearchQuery },
): Promise<Buffer> {
  const hits = await searchRegistry(deps, {
    actor: options.actor,
    context: options.context,
    query: { ...options.query, limit: Math.min(options.query.limit ?? 100, options.maxRows) },
  });
  const bytes = await writeWorkbook(
    [
      sheetOf<RegistrySearchHit>({
        title: { 'zh-CN': '查找结果', 'en-US': 'Search results' },
        columns: [
          { header: { 'zh-CN': '类别', 'en-US': 'Kind' }, width: 8, value: (h, l) => SEARCH_KIND_LABELS[h.kind][l] },
          { header: { 'zh-CN': '名称', 'en-US': 'Name' }, width: 30, value: (h) => h.title },
          { header: { 'zh-CN': '位置', 'en-US': 'Where' }, width: 50, value: (h) => h.subtitle },
        ],
        rows: hits,
      }),
    ],
    options.locale,
  );
  // The words searched for stay out of the audit row: they may be an ID number or a phone.
  await recordAudit(deps.db, options.context, {
    action: 'registry.export',
    objectType: 'registry-list',
    details: { list: 'search', kind: options.query.kind ?? null, rows: hits.length },
  });
  return bytes;
}

type BuildingRow = {
  dwelling: BuildingPage['dwellings'][number]['dwelling'];
  householdKind: string;
  person: Person | null;
};

const BUILDING_COLUMNS: ColumnSpec<BuildingRow>[] = [
  { header: { 'zh-CN': '房屋', 'en-US': 'Dwelling' }, width: 40, value: (r) => r.dwelling.address },
  { header: { 'zh-CN': '用途', 'en-US': 'Use' }, width: 8, value: (r, l) => DWELLING_USE_LABELS[r.dwelling.use][l] },
  {
    header: { 'zh-CN': '面积（㎡）', 'en-US': 'Area (m²)' },
    width: 10,
    type: 'number',
    value: (r) => r.dwelling.areaM2,
  },
  { header: { 'zh-CN': '间数', 'en-US': 'Rooms' }, width: 6, type: 'integer', value: (r) => r.dwelling.rooms },
  {
    header: { 'zh-CN': '户别', 'en-US': 'Household' },
    width: 10,
    value: (r, l) =>
      r.householdKind ? HOUSEHOLD_KIND_LABELS[r.householdKind as keyof typeof HOUSEHOLD_KIND_LABELS][l] : '',
  },
  { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, width: 10, value: (r) => r.person?.name ?? '' },
  {
    header: { 'zh-CN': '与户主关系', 'en-US': 'Relation' },
    width: 10,
    value: (r, l) => (r.person ? HOUSEHOLD_RELATION_LABELS[r.person.relation][l] : ''),
  },
  {
    header: { 'zh-CN': '性别', 'en-US': 'Sex' },
    width: 6,
    value: (r, l) => (r.person ? SEX_LABELS[r.person.sex][l] : ''),
  },
  { header: { 'zh-CN': '出生日期', 'en-US': 'Born' }, width: 12, value: (r) => r.person?.birthDate ?? '' },
  { header: { 'zh-CN': '身份证号', 'en-US': 'ID number' }, width: 20, value: (r) => r.person?.idNumberMasked ?? '' },
  { header: { 'zh-CN': '电话', 'en-US': 'Phone' }, width: 14, value: (r) => r.person?.phoneMasked ?? '' },
  {
    header: { 'zh-CN': '人口类别', 'en-US': 'Residence' },
    width: 10,
    value: (r, l) => (r.person ? RESIDENCE_KIND_LABELS[r.person.residence][l] : ''),
  },
  { header: { 'zh-CN': '迁出日期', 'en-US': 'Moved out' }, width: 12, value: (r) => r.person?.movedOutOn ?? '' },
];

/**
 * A building's dwellings with their households and people (one row a person, a vacant dwelling
 * one row), masked as on the building page.
 */
export async function exportBuilding(
  deps: RegistryDeps,
  options: ExportOptions & { id: string },
): Promise<{ bytes: Buffer; name: string }> {
  const page = await getBuildingPage(deps, { actor: options.actor, id: options.id });
  const rows = page.dwellings.flatMap(({ dwelling, households }): BuildingRow[] =>
    households.length === 0
      ? [{ dwelling, householdKind: '', person: null }]
      : households.flatMap((h): BuildingRow[] =>
          h.members.length === 0
            ? [{ dwelling, householdKind: h.kind, person: null }]
            : h.members.map((person) => ({ dwelling, householdKind: h.kind, person })),
        ),
  );
  checkExportSize(rows.length, options.maxRows);
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '楼栋人房', 'en-US': 'Building' }, columns: BUILDING_COLUMNS, rows })],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.export',
    objectType: 'registry-building',
    objectId: page.building.id,
    details: { list: 'building', rows: rows.length, people: rows.filter((r) => r.person).length },
  });
  return { bytes, name: page.building.name };
}

/** The organizations in scope, by name (contact phones masked). */
export async function listOrganizations(
  deps: RegistryDeps,
  options: { actor: Actor; query: RegistryListQuery },
): Promise<OrganizationList> {
  const { items, total } = await registryLinksRepository.organizationsInScope(
    deps.db,
    options.actor.scopePath,
    options.query.q?.trim() ?? '',
    { limit: options.query.limit ?? 100, offset: options.query.offset ?? 0 },
  );
  return { items: items.map((r) => presentOrganization(r.organization, r.address)), total };
}

/** The facilities in scope, by class and name. */
export async function listFacilities(
  deps: RegistryDeps,
  options: { actor: Actor; query: RegistryListQuery },
): Promise<FacilityList> {
  const { items, total } = await registryLinksRepository.facilitiesInScope(
    deps.db,
    options.actor.scopePath,
    options.query.q?.trim() ?? '',
    { limit: options.query.limit ?? 100, offset: options.query.offset ?? 0 },
  );
  return { items: items.map(presentFacility), total };
}

const ORGANIZATION_COLUMNS: ColumnSpec<Organization>[] = [
  { header: { 'zh-CN': '名称', 'en-US': 'Name' }, width: 30, value: (o) => o.name },
  { header: { 'zh-CN': '类别', 'en-US': 'Kind' }, width: 12, value: (o, l) => ORGANIZATION_KIND_LABELS[o.kind][l] },
  { header: { 'zh-CN': '地址', 'en-US': 'Address' }, width: 40, value: (o) => o.address },
  {
    header: { 'zh-CN': '统一社会信用代码', 'en-US': 'Licence number' },
    width: 22,
    value: (o) => o.licenceNumber ?? '',
  },
  { header: { 'zh-CN': '联系人', 'en-US': 'Contact' }, width: 10, value: (o) => o.contactName ?? '' },
  { header: { 'zh-CN': '联系电话', 'en-US': 'Contact phone' }, width: 14, value: (o) => o.contactPhoneMasked ?? '' },
  { header: { 'zh-CN': '网格', 'en-US': 'Grid' }, width: 16, value: (o) => o.gridCode },
];

const FACILITY_COLUMNS: ColumnSpec<Facility>[] = [
  { header: { 'zh-CN': '类别代码', 'en-US': 'Class' }, width: 8, value: (f) => f.classCode },
  { header: { 'zh-CN': '部件编码', 'en-US': 'Facility code' }, width: 18, value: (f) => f.code ?? '' },
  { header: { 'zh-CN': '名称', 'en-US': 'Name' }, width: 24, value: (f) => f.name },
  { header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 8, value: (f, l) => FACILITY_STATE_LABELS[f.state][l] },
  { header: { 'zh-CN': '权属单位', 'en-US': 'Owner' }, width: 24, value: (f) => f.ownerUnit },
  { header: { 'zh-CN': '网格', 'en-US': 'Grid' }, width: 16, value: (f) => f.gridCode },
  { header: { 'zh-CN': '经度', 'en-US': 'Longitude' }, width: 12, type: 'number', value: (f) => f.lon },
  { header: { 'zh-CN': '纬度', 'en-US': 'Latitude' }, width: 12, type: 'number', value: (f) => f.lat },
];

/** The organizations list with its filter, without paging. Capped; audited. */
export async function exportOrganizations(
  deps: RegistryDeps,
  options: ExportOptions & { q?: string | undefined },
): Promise<Buffer> {
  const list = await listOrganizations(deps, { actor: options.actor, query: { q: options.q, limit: options.maxRows } });
  checkExportSize(list.total, options.maxRows);
  const bytes = await writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '组织', 'en-US': 'Organizations' },
        columns: ORGANIZATION_COLUMNS,
        rows: list.items,
      }),
    ],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.export',
    objectType: 'registry-list',
    details: { list: 'organizations', rows: list.items.length },
  });
  return bytes;
}

/** The facilities list with its filter, without paging. Capped; audited. */
export async function exportFacilities(
  deps: RegistryDeps,
  options: ExportOptions & { q?: string | undefined },
): Promise<Buffer> {
  const list = await listFacilities(deps, { actor: options.actor, query: { q: options.q, limit: options.maxRows } });
  checkExportSize(list.total, options.maxRows);
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '部件', 'en-US': 'Facilities' }, columns: FACILITY_COLUMNS, rows: list.items })],
    options.locale,
  );
  await recordAudit(deps.db, options.context, {
    action: 'registry.export',
    objectType: 'registry-list',
    details: { list: 'facilities', rows: list.items.length },
  });
  return bytes;
}
