import {
  AssignPostBody,
  CoverageReport,
  GridAtQuery,
  GridAtResponse,
  GridDetail,
  GridList,
  GridListQuery,
  GridPost,
  ImportMode,
  ImportReport,
  SizingQuery,
  SizingReport,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { assignPost } from '../staffing/index.js';
import { gridLocatorFor } from './grid-locator.js';
import type { GridSummary } from './grids.repository.js';
import { checkCoverage } from './use-cases/check-coverage.js';
import { importGrids } from './use-cases/import-grids.js';
import { getGrid, gridMap, listGrids, locateGrid } from './use-cases/read-grids.js';
import { reportSizing, sizingWorkbook } from './use-cases/report-sizing.js';

export const presentGrid = (g: GridSummary) => ({
  code: g.code,
  name: g.name,
  nameEn: g.nameEn,
  level: g.level,
  parentCode: g.parentCode,
  regionCode: g.regionCode,
  bbox: [g.minLon, g.minLat, g.maxLon, g.maxLat],
  areaSquareMeters: Math.round(g.areaSquareMeters),
  households: g.households,
  people: g.people,
  version: g.version,
  validFrom: g.validFrom.toISOString(),
  validTo: g.validTo?.toISOString() ?? null,
});

const GridCodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,20}$' }) });
const MapQuery = Type.Object({
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  parentCode: Type.Optional(Type.String({ maxLength: 24 })),
  regionCode: Type.Optional(Type.String({ maxLength: 12 })),
});

export function gridsRoutes(app: App, { database }: ModuleContext) {
  const { db } = database;
  const locator = gridLocatorFor(database);

  app.get(
    '/grids',
    {
      schema: {
        tags: ['grids'],
        summary: 'Current grids in scope',
        querystring: GridListQuery,
        response: { 200: GridList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const { limit, offset, ...filter } = request.query;
      const result = await listGrids({ db }, { actor, filter, page: { limit, offset } });
      return { items: result.items.map(presentGrid), total: result.total };
    },
  );

  app.get(
    '/grids/map.geojson',
    {
      schema: {
        tags: ['grids'],
        summary: 'Current grids in scope as a GeoJSON FeatureCollection (for the map and for export/re-import)',
        querystring: MapQuery,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'grids.read');
      const rows = await gridMap({ db }, { actor, filter: request.query });
      reply.header('content-type', 'application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection',
        features: rows.map((g) => ({
          type: 'Feature',
          id: g.code,
          properties: {
            code: g.code,
            name: g.name,
            nameEn: g.nameEn,
            level: g.level,
            parentCode: g.parentCode,
            regionCode: g.regionCode,
            households: g.households,
            people: g.people,
          },
          geometry: g.geometry,
        })),
      };
    },
  );

  app.get(
    '/grids/at',
    {
      schema: {
        tags: ['grids'],
        summary: 'gridAt: the base grid holding a point (WGS84/CGCS2000, GCJ-02 or BD-09), now or on a date',
        querystring: GridAtQuery,
        response: { 200: GridAtResponse },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const { lon, lat, crs, date } = request.query;
      const located = await locateGrid(
        { db, locator },
        { actor, lon, lat, crs, at: date ? new Date(date) : undefined },
      );
      return { point: located.point, grid: presentGrid(located.grid), ancestors: located.ancestors.map(presentGrid) };
    },
  );

  app.get(
    '/grids/coverage',
    {
      schema: {
        tags: ['grids'],
        summary: '全覆盖 check: gaps, overlaps and parts outside, under a county, town, community or grid',
        querystring: Type.Object({ parentCode: Type.String({ pattern: '^[0-9]{6,20}$' }) }),
        response: { 200: CoverageReport },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      return checkCoverage(db, actor.scopePath, request.query.parentCode);
    },
  );

  app.get(
    '/grids/sizing',
    {
      schema: {
        tags: ['grids'],
        summary: 'Households and people per base grid against the standard: grids to split or merge',
        querystring: SizingQuery,
        response: { 200: SizingReport },
      },
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      return reportSizing(db, actor.scopePath, request.query);
    },
  );

  app.get(
    '/grids/sizing.xlsx',
    {
      schema: {
        tags: ['grids'],
        summary: 'The sizing report as an Excel workbook',
        querystring: SizingQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'grids.read');
      const report = await reportSizing(db, actor.scopePath, request.query);
      const workbook = await sizingWorkbook(report, request.locale);
      const name = { ascii: 'grid-sizing', localized: { 'zh-CN': '网格规模评估', 'en-US': 'grid-sizing' } };
      return sendWorkbook(reply, workbook, name, request.locale, new Date());
    },
  );

  app.post(
    '/grids/import',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['grids'],
        summary:
          'Import a GeoJSON FeatureCollection (properties: code, name, nameEn, level, parentCode, households, people)',
        querystring: Type.Object({ mode: ImportMode }),
        body: Type.Unknown(),
        response: { 200: ImportReport, 422: ImportReport },
      },
    },
    async (request, reply) => {
      authorize(request, 'grids.manage');
      const report = await importGrids(db, auditContextOf(request), {
        collection: request.body,
        mode: request.query.mode,
        locale: request.locale,
      });
      // Strict mode with errors: nothing changed, and the status says so.
      return reply.status(request.query.mode === 'strict' && report.counts.invalid > 0 ? 422 : 200).send(report);
    },
  );

  app.get(
    '/grids/:code',
    { schema: { tags: ['grids'], params: GridCodeParams, response: { 200: GridDetail } } },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const { grid, ancestors, childCount, posts, history } = await getGrid(
        { db },
        { actor, code: request.params.code, now: new Date() },
      );
      return {
        grid: { ...presentGrid(grid), geometry: grid.geometry },
        ancestors: ancestors.map(presentGrid),
        childCount,
        posts,
        history: history.map(presentGrid),
      };
    },
  );

  app.put(
    '/grids/:code/posts/:role',
    {
      schema: {
        tags: ['staffing'],
        summary: 'Assign a grid-team post: holder (A) and named backup (B)',
        params: Type.Object({
          code: Type.String({ pattern: '^[0-9]{6,20}$' }),
          role: Type.Enum([
            'grid_head',
            'deputy_grid_head',
            'grid_worker',
            'supervisor',
            'informant',
            'patroller',
            'liaison',
          ]),
        }),
        body: AssignPostBody,
        response: { 200: GridPost },
      },
    },
    async (request) => {
      const actor = authorize(request, 'staffing.manage');
      return assignPost(db, actor, auditContextOf(request), {
        gridCode: request.params.code,
        role: request.params.role,
        ...request.body,
      });
    },
  );
}
