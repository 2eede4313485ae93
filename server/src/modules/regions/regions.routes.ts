import { Region, RegionCodeParams, RegionDetail } from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';
import { describeRegion, searchRegions } from './use-cases/read-regions.js';

type RegionView = Awaited<ReturnType<typeof describeRegion>>['region'];
const present = ({ sortOrder: _sortOrder, ...r }: RegionView) => r;
const presentDetail = ({ region, ancestors, children }: Awaited<ReturnType<typeof describeRegion>>) => ({
  region: present(region),
  ancestors: ancestors.map(present),
  children: children.map(present),
});

export function regionsRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get(
    '/regions/root',
    {
      schema: {
        tags: ['regions'],
        summary: 'The root of the caller’s data scope, with its children',
        response: { 200: RegionDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'regions.read');
      return presentDetail(await describeRegion({ db }, { actor, code: actor.scopeRegionCode }));
    },
  );

  app.get(
    '/regions/search',
    {
      schema: {
        tags: ['regions'],
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 64 }),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Region) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'regions.read');
      const rows = await searchRegions({ db }, { actor, q: request.query.q, limit: request.query.limit });
      return { items: rows.map(present) };
    },
  );

  app.get(
    '/regions/:code',
    {
      schema: {
        tags: ['regions'],
        summary: 'A region with its ancestors (within scope) and children; 404 outside the caller’s scope',
        params: RegionCodeParams,
        response: { 200: RegionDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'regions.read');
      return presentDetail(await describeRegion({ db }, { actor, code: request.params.code }));
    },
  );
}
