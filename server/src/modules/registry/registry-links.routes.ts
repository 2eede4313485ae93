import {
  CaseCodeParams,
  CaseLinkParams,
  CaseRegistryLink,
  CaseRegistryLinkList,
  CreateCaseRegistryLinkBody,
  IdParams,
  LinkedCaseList,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { statusOf } from '../../platform/write-result.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { gridLocatorFor } from '../grids/index.js';
import type { RegistryDeps } from './registry-deps.js';
import {
  casesOfBuilding,
  casesOfFacility,
  casesOfPerson,
  linkCase,
  listCaseLinks,
  removeCaseLink,
} from './use-cases/case-links.js';

const tags = ['registry'];

/** Cases ↔ registry records (issue 11): the case page's 关联登记对象, and the cases of a person, building, facility. */
export function registryLinksRoutes(app: App, { config, database }: ModuleContext) {
  const deps: RegistryDeps = { db: database.db, secretKey: config.secretKey, locator: gridLocatorFor(database) };

  app.get(
    '/registry/case-links/:code',
    {
      schema: {
        tags,
        summary: 'The registry records a case is linked to (both in scope; audited when people are named)',
        params: CaseCodeParams,
        response: { 200: CaseRegistryLinkList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return {
        items: await listCaseLinks(deps, { actor, context: auditContextOf(request), code: request.params.code }),
      };
    },
  );
  app.post(
    '/registry/case-links/:code',
    {
      schema: {
        tags,
        summary: 'Link a case to a person, household, dwelling or facility in scope (audited)',
        params: CaseCodeParams,
        body: CreateCaseRegistryLinkBody,
        response: { 200: CaseRegistryLink, 201: CaseRegistryLink },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.link');
      const result = await linkCase(deps, {
        actor,
        context: auditContextOf(request),
        code: request.params.code,
        body: request.body,
      });
      return reply.status(statusOf(result.kind)).send(result.value);
    },
  );
  app.delete(
    '/registry/case-links/:code/:linkId',
    {
      schema: {
        tags,
        summary: 'Remove a case’s link (kept as removed; audited)',
        params: CaseLinkParams,
        response: { 200: Type.Object({ removed: Type.Boolean() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.link');
      await removeCaseLink(deps, {
        actor,
        context: auditContextOf(request),
        code: request.params.code,
        linkId: request.params.linkId,
        now: new Date(),
      });
      return { removed: true };
    },
  );
  app.get(
    '/registry/people/:id/cases',
    {
      schema: {
        tags,
        summary: 'The cases linked to a person or their household, newest first (audited)',
        params: IdParams,
        response: { 200: LinkedCaseList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return { items: await casesOfPerson(deps, { actor, context: auditContextOf(request), id: request.params.id }) };
    },
  );
  app.get(
    '/registry/buildings/:id/cases',
    {
      schema: {
        tags,
        summary: 'The cases linked to a building’s dwellings or their households, newest first',
        params: IdParams,
        response: { 200: LinkedCaseList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return { items: await casesOfBuilding(deps, { actor, id: request.params.id }) };
    },
  );
  app.get(
    '/registry/facilities/:id/cases',
    {
      schema: {
        tags,
        summary: 'The cases linked to a facility, newest first',
        params: IdParams,
        response: { 200: LinkedCaseList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return { items: await casesOfFacility(deps, { actor, id: request.params.id }) };
    },
  );
}
