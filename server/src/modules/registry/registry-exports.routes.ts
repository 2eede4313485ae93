import { FacilityList, IdParams, OrganizationList, RegistryListQuery, RegistrySearchQuery } from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { gridLocatorFor } from '../grids/index.js';
import type { RegistryDeps } from './registry-deps.js';
import {
  exportBuilding,
  exportFacilities,
  exportOrganizations,
  exportSearchResults,
  listFacilities,
  listOrganizations,
} from './use-cases/registry-exports.js';

const tags = ['registry'];
const ExportFilter = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

/** The registry desk's lists (organizations, facilities) and every list's Excel export: capped, masked, audited. */
export function registryExportsRoutes(app: App, { config, database }: ModuleContext) {
  const deps: RegistryDeps = { db: database.db, secretKey: config.secretKey, locator: gridLocatorFor(database) };
  const cap = `at most ${config.exportMaxRows} rows, audited`;

  app.get(
    '/registry/organizations',
    {
      schema: {
        tags,
        summary: 'Organizations in scope, by name',
        querystring: RegistryListQuery,
        response: { 200: OrganizationList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return listOrganizations(deps, { actor, query: request.query });
    },
  );
  app.get(
    '/registry/facilities',
    {
      schema: {
        tags,
        summary: 'Facilities in scope, by class and name',
        querystring: RegistryListQuery,
        response: { 200: FacilityList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return listFacilities(deps, { actor, query: request.query });
    },
  );

  app.get(
    '/registry/search/export.xlsx',
    {
      config: { sensitiveQuery: true },
      schema: {
        tags,
        summary: `The registry search's results as Excel (people masked; at most 100, the search's page); audited`,
        querystring: RegistrySearchQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.read');
      const now = new Date();
      const bytes = await exportSearchResults(deps, {
        actor,
        context: auditContextOf(request),
        locale: request.locale,
        maxRows: config.exportMaxRows,
        query: request.query,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'registry-search', localized: { 'zh-CN': '人房查找结果', 'en-US': 'registry-search' } },
        request.locale,
        now,
      );
    },
  );
  app.get(
    '/registry/buildings/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: `A building's dwellings, households and people as Excel (ID numbers and phones masked); ${cap}`,
        params: IdParams,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.read');
      const now = new Date();
      const { bytes, name } = await exportBuilding(deps, {
        actor,
        context: auditContextOf(request),
        locale: request.locale,
        maxRows: config.exportMaxRows,
        id: request.params.id,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'registry-building', localized: { 'zh-CN': `楼栋人房-${name}`, 'en-US': `building-${name}` } },
        request.locale,
        now,
      );
    },
  );
  app.get(
    '/registry/organizations/export.xlsx',
    {
      schema: {
        tags,
        summary: `The organizations list as Excel (contact phones masked); ${cap}`,
        querystring: ExportFilter,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.read');
      const now = new Date();
      const bytes = await exportOrganizations(deps, {
        actor,
        context: auditContextOf(request),
        locale: request.locale,
        maxRows: config.exportMaxRows,
        q: request.query.q,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'registry-organizations', localized: { 'zh-CN': '组织名单', 'en-US': 'organizations' } },
        request.locale,
        now,
      );
    },
  );
  app.get(
    '/registry/facilities/export.xlsx',
    {
      schema: {
        tags,
        summary: `The facilities list as Excel; ${cap}`,
        querystring: ExportFilter,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.read');
      const now = new Date();
      const bytes = await exportFacilities(deps, {
        actor,
        context: auditContextOf(request),
        locale: request.locale,
        maxRows: config.exportMaxRows,
        q: request.query.q,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'registry-facilities', localized: { 'zh-CN': '部件清单', 'en-US': 'facilities' } },
        request.locale,
        now,
      );
    },
  );
}
