import { CreateUnitBody, IdParams, Unit, UnitKindSchema, UnitList, UpdateUnitBody } from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { createUnit, updateUnit } from './use-cases/manage-units.js';
import { getUnit, listUnits } from './use-cases/read-units.js';

type UnitView = Awaited<ReturnType<typeof getUnit>>;
const present = (u: UnitView) => ({ ...u, createdAt: u.createdAt.toISOString() });

export function unitsRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Units (command centers, departments, workstations) in the caller’s scope',
        querystring: Type.Object({
          kind: Type.Optional(UnitKindSchema),
          q: Type.Optional(Type.String({ maxLength: 64 })),
          /**
           * Also the units of the regions above the scope: the county's departments and command
           * center, to which a town's desk dispatches, escalates and whistles.
           */
          includeAbove: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: UnitList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'units.read');
      const { kind, q, includeAbove, limit, offset } = request.query;
      const result = await listUnits({ db }, { actor, filter: { kind, q, includeAbove }, page: { limit, offset } });
      return { items: result.items.map(present), total: result.total };
    },
  );

  app.get('/units/:id', { schema: { tags: ['units'], params: IdParams, response: { 200: Unit } } }, async (request) => {
    const actor = authorize(request, 'units.read');
    return present(await getUnit({ db }, { actor, id: request.params.id }));
  });

  app.post(
    '/units',
    { schema: { tags: ['units'], body: CreateUnitBody, response: { 201: Unit } } },
    async (request, reply) => {
      const actor = authorize(request, 'units.manage');
      const unit = await createUnit(db, actor, auditContextOf(request), request.body);
      return reply.status(201).send(present(unit));
    },
  );

  app.patch(
    '/units/:id',
    { schema: { tags: ['units'], params: IdParams, body: UpdateUnitBody, response: { 200: Unit } } },
    async (request) => {
      const actor = authorize(request, 'units.manage');
      const unit = await updateUnit(db, actor, auditContextOf(request), request.params.id, request.body);
      if (!unit) throw new DomainError('not-found');
      return present(unit);
    },
  );
}
