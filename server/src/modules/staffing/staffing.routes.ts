import { Absence, CreateAbsenceBody, GridPost, IdParams } from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { listAbsences } from './use-cases/list-absences.js';
import { listPosts } from './use-cases/list-posts.js';
import { cancelAbsence, markAbsent } from './use-cases/manage-absences.js';

const presentAbsence = (a: {
  id: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  userName: string;
  username: string;
}) => ({
  id: a.id,
  userId: a.userId,
  userName: a.userName,
  username: a.username,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
  reason: a.reason,
});

export function staffingRoutes(app: App, { database: { db } }: ModuleContext) {
  app.get(
    '/staffing/posts',
    {
      schema: {
        tags: ['staffing'],
        summary:
          'Grid-team posts in scope and who covers each at a moment (default now); `coveredOnly` lists only posts handed to a backup',
        querystring: Type.Object({
          gridCode: Type.Optional(Type.String({ maxLength: 24 })),
          role: Type.Optional(Type.String({ maxLength: 32 })),
          at: Type.Optional(Type.String({ format: 'date-time' })),
          coveredOnly: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(GridPost), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'staffing.read');
      const { gridCode, role, at, coveredOnly, limit } = request.query;
      const posts = await listPosts(
        db,
        actor.scopePath,
        { ...(gridCode ? { gridCodes: [gridCode] } : {}), ...(role ? { role } : {}) },
        at ? new Date(at) : new Date(),
      );
      const items = coveredOnly ? posts.filter((p) => p.current.by !== 'holder') : posts;
      return { items: items.slice(0, limit), total: items.length };
    },
  );

  app.get(
    '/staffing/absences',
    {
      schema: {
        tags: ['staffing'],
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Absence) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'staffing.read');
      const from = request.query.from ? new Date(request.query.from) : new Date(Date.now() - 30 * 86_400_000);
      const to = request.query.to ? new Date(request.query.to) : new Date(Date.now() + 365 * 86_400_000);
      const rows = await listAbsences({ db }, { actor, from, to });
      return { items: rows.map((r) => presentAbsence({ ...r.absence, userName: r.userName, username: r.username })) };
    },
  );

  app.post(
    '/staffing/absences',
    {
      schema: {
        tags: ['staffing'],
        summary: 'Mark a person absent: their posts pass to the backups for the period',
        body: CreateAbsenceBody,
        response: { 201: Absence },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'staffing.manage');
      const absence = await markAbsent(db, actor, auditContextOf(request), request.body);
      return reply.status(201).send(presentAbsence(absence));
    },
  );

  app.delete(
    '/staffing/absences/:id',
    { schema: { tags: ['staffing'], params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = authorize(request, 'staffing.manage');
      await cancelAbsence(db, actor, auditContextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
