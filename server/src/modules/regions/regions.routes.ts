import { Region, RegionCodeParams, RegionDetail } from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';
import { regionsRepository } from './regions.repository.js';

type RegionView = NonNullable<Awaited<ReturnType<typeof regionsRepository.findInScope>>>;
const present = ({ sortOrder: _sortOrder, ...r }: RegionView) => r;

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
      return describe(actor.scopeRegionCode, actor.scopePath);
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
      const rows = await regionsRepository.searchInScope(db, request.query.q, actor.scopePath, request.query.limit);
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
      return describe(request.params.code, actor.scopePath);
    },
  );

  async function describe(code: string, scopePath: string) {
    const region = await regionsRepository.findInScope(db, code, scopePath);
    if (!region) throw new DomainError('not-found');
    const ancestorCodes = region.path.split('/').slice(0, -1);
    const [ancestors, children] = await Promise.all([
      regionsRepository.byCodesInScope(db, ancestorCodes, scopePath),
      regionsRepository.childrenInScope(db, code, scopePath),
    ]);
    return { region: present(region), ancestors: ancestors.map(present), children: children.map(present) };
  }
}
