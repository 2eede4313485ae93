import {
  CreateMatterBody,
  MatterCodeParams,
  MatterDetail,
  MatterList,
  MatterListQuery,
  UpdateMatterBody,
} from '@yiwang/contracts';
import type { App, ModuleContext } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { createMatter } from './use-cases/create-matter.js';
import { getMatter } from './use-cases/get-matter.js';
import { listMatters } from './use-cases/list-matters.js';
import { updateMatter } from './use-cases/update-matter.js';

export function catalogRoutes(app: App, { database }: ModuleContext) {
  const { db } = database;

  app.get(
    '/catalog/matters',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The matter catalog (事项清单); q searches characters, pinyin initials, keywords, English or code',
        querystring: MatterListQuery,
        response: { 200: MatterList },
      },
    },
    async (request) => {
      authorize(request, 'catalog.read');
      return listMatters(db, request.query);
    },
  );

  app.post(
    '/catalog/matters',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Add a matter to the catalog (version 1 from now; a code is never reused) (audited)',
        body: CreateMatterBody,
        response: { 201: MatterDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'catalog.manage');
      const detail = await createMatter(db, actor, auditContextOf(request), { body: request.body, now: new Date() });
      return reply.status(201).header('location', `/api/catalog/matters/${detail.matter.code}`).send(detail);
    },
  );

  app.get(
    '/catalog/matters/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A matter with its version history',
        params: MatterCodeParams,
        response: { 200: MatterDetail },
      },
    },
    async (request) => {
      authorize(request, 'catalog.read');
      return getMatter(db, request.params.code);
    },
  );

  app.patch(
    '/catalog/matters/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Change a matter: opens a new version from now on; cases already opened keep theirs (audited)',
        params: MatterCodeParams,
        body: UpdateMatterBody,
        response: { 200: MatterDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'catalog.manage');
      return updateMatter(db, actor, auditContextOf(request), {
        code: request.params.code,
        change: request.body,
        now: new Date(),
      });
    },
  );
}
