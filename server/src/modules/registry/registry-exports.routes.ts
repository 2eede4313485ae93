import { FacilityList, IdParams, OrganizationList, RegistryListQuery, RegistrySearchQuery } from '@yiwang/contracts';
import type { FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { type Localized, sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { gridLocatorFor } from '../grids/index.js';
import type { RegistryDeps } from './registry-deps.js';
import {
  type ExportOptions,
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

  /** One Excel export: authorized, audited by the use case, capped, named in the caller's language. */
  const workbookRoute = <Q extends TSchema, P extends TSchema>(
    path: string,
    schema: { summary: string; querystring?: Q; params?: P; sensitiveQuery?: boolean },
    produce: (
      request: FastifyRequest<{ Querystring: Static<Q>; Params: Static<P> }>,
      options: ExportOptions,
    ) => Promise<{ bytes: Buffer; name: { ascii: string; localized: Localized } }>,
  ) =>
    app.get<{ Querystring: Static<Q>; Params: Static<P> }>(
      path,
      {
        ...(schema.sensitiveQuery ? { config: { sensitiveQuery: true } } : {}),
        schema: {
          tags,
          summary: schema.summary,
          ...(schema.querystring ? { querystring: schema.querystring } : {}),
          ...(schema.params ? { params: schema.params } : {}),
          response: XLSX_RESPONSE,
        },
      },
      async (request, reply) => {
        const actor = authorize(request, 'registry.read');
        const now = new Date();
        const options = {
          actor,
          context: auditContextOf(request),
          locale: request.locale,
          maxRows: config.exportMaxRows,
        };
        const { bytes, name } = await produce(request, options);
        return sendWorkbook(reply, bytes, name, request.locale, now);
      },
    );

  workbookRoute(
    '/registry/search/export.xlsx',
    {
      summary: `The registry search's results as Excel (people masked; at most 100, the search's page); audited`,
      querystring: RegistrySearchQuery,
      sensitiveQuery: true,
    },
    async (request, options) => ({
      bytes: await exportSearchResults(deps, { ...options, query: request.query }),
      name: { ascii: 'registry-search', localized: { 'zh-CN': '人房查找结果', 'en-US': 'registry-search' } },
    }),
  );
  workbookRoute(
    '/registry/buildings/:id/export.xlsx',
    {
      summary: `A building's dwellings, households and people as Excel (ID numbers and phones masked); ${cap}`,
      params: IdParams,
    },
    async (request, options) => {
      const { bytes, name } = await exportBuilding(deps, { ...options, id: request.params.id });
      return {
        bytes,
        name: { ascii: 'registry-building', localized: { 'zh-CN': `楼栋人房-${name}`, 'en-US': `building-${name}` } },
      };
    },
  );
  workbookRoute(
    '/registry/organizations/export.xlsx',
    { summary: `The organizations list as Excel (contact phones masked); ${cap}`, querystring: ExportFilter },
    async (request, options) => ({
      bytes: await exportOrganizations(deps, { ...options, q: request.query.q }),
      name: { ascii: 'registry-organizations', localized: { 'zh-CN': '组织名单', 'en-US': 'organizations' } },
    }),
  );
  workbookRoute(
    '/registry/facilities/export.xlsx',
    { summary: `The facilities list as Excel; ${cap}`, querystring: ExportFilter },
    async (request, options) => ({
      bytes: await exportFacilities(deps, { ...options, q: request.query.q }),
      name: { ascii: 'registry-facilities', localized: { 'zh-CN': '部件清单', 'en-US': 'facilities' } },
    }),
  );
}
