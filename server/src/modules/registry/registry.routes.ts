import {
  Address,
  Building,
  BuildingPage,
  CreateAddressBody,
  CreateBuildingBody,
  CreateDwellingBody,
  CreateFacilityBody,
  CreateHouseholdBody,
  CreateOrganizationBody,
  CreateSharingGrantBody,
  CreateTagGrantBody,
  Dwelling,
  Facility,
  GroupRentalList,
  GroupRentalQuery,
  HistoryList,
  Household,
  IdParams,
  Organization,
  Person,
  PersonInput,
  PersonPage,
  REGISTRY_RECORD_KIND_LABELS,
  RecordKindParams,
  RegistryMapLayer,
  RegistryMapLayerQuery,
  RegistrySearchQuery,
  RegistrySearchResult,
  RevealedValue,
  RevealPersonBody,
  SharedRecords,
  SharedRecordsQuery,
  SharingGrant,
  SharingGrantList,
  TagGrant,
  TagGrantList,
  TagPersonBody,
  UpdateDwellingBody,
  UpdateFacilityBody,
  UpdatePersonBody,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize, can } from '../accounts/index.js';
import { gridLocatorFor } from '../grids/index.js';
import type { RegistryDeps } from './registry-deps.js';
import { registryReadRoute } from './registry-read-route.js';
import { registryVisitsRoutes } from './registry-visits.routes.js';
import { createAddress, createBuilding, createDwelling, updateDwelling } from './use-cases/create-places.js';
import { exportGroupRentals, listGroupRentals } from './use-cases/group-rentals.js';
import { addMember, createHousehold, updatePerson } from './use-cases/households.js';
import { getMapLayer } from './use-cases/map-layers.js';
import { createFacility, createOrganization, updateFacility } from './use-cases/organizations-facilities.js';
import { getBuildingPage, getHistory, getPersonPage } from './use-cases/read-pages.js';
import { revealPersonField, tagPerson } from './use-cases/reveal-person-field.js';
import { searchRegistry } from './use-cases/search-registry.js';
import {
  createSharingGrant,
  createTagGrant,
  exportSharedRecords,
  listSharingGrants,
  listTagGrants,
  readSharedRecords,
  revokeSharingGrant,
  revokeTagGrant,
} from './use-cases/sharing.js';

const tags = ['registry'];

export function registryRoutes(app: App, { config, database }: ModuleContext) {
  const deps: RegistryDeps = { db: database.db, secretKey: config.secretKey, locator: gridLocatorFor(database) };
  registryVisitsRoutes(app, deps);

  // ── places ──
  app.post(
    '/registry/addresses',
    {
      schema: {
        tags,
        summary: 'Register a standard address with its aliases',
        body: CreateAddressBody,
        response: { 201: Address },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const address = await createAddress(deps, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(address);
    },
  );
  app.post(
    '/registry/buildings',
    {
      schema: {
        tags,
        summary: 'Register a building (its base grid found from its point)',
        body: CreateBuildingBody,
        response: { 201: Building },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const building = await createBuilding(deps, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(building);
    },
  );
  registryReadRoute(
    app,
    '/registry/buildings/:id',
    { summary: 'A building page: dwellings, households, people (masked)', params: IdParams, response: BuildingPage },
    (actor, { params }) => getBuildingPage(deps, { actor, id: params.id }),
  );
  app.post(
    '/registry/dwellings',
    {
      schema: {
        tags,
        summary: 'Register a dwelling of a building',
        body: CreateDwellingBody,
        response: { 201: Dwelling },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const dwelling = await createDwelling(deps, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(dwelling);
    },
  );
  app.patch(
    '/registry/dwellings/:id',
    {
      schema: {
        tags,
        summary: 'Change a dwelling (use, area, rooms); the old state goes to history',
        params: IdParams,
        body: UpdateDwellingBody,
        response: { 200: Dwelling },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.manage');
      return updateDwelling(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        body: request.body,
        now: new Date(),
      });
    },
  );

  // ── households, people ──
  app.post(
    '/registry/households',
    {
      schema: {
        tags,
        summary: 'Register a household in a dwelling with its members (exactly one head)',
        body: CreateHouseholdBody,
        response: { 201: Household },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const household = await createHousehold(deps, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(household);
    },
  );
  app.post(
    '/registry/households/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member to a household',
        params: IdParams,
        body: PersonInput,
        response: { 201: Person },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const person = await addMember(deps, {
        actor,
        context: auditContextOf(request),
        householdId: request.params.id,
        body: request.body,
      });
      return reply.status(201).send(person);
    },
  );
  registryReadRoute(
    app,
    '/registry/people/:id',
    {
      summary: 'A person page: household, dwelling, building, history (masked; granted tags only; audited)',
      params: IdParams,
      response: PersonPage,
    },
    (actor, request) => getPersonPage(deps, { actor, context: auditContextOf(request), id: request.params.id }),
  );
  app.patch(
    '/registry/people/:id',
    {
      schema: {
        tags,
        summary: 'Change a person (the household keeps exactly one head); the old state goes to history',
        params: IdParams,
        body: UpdatePersonBody,
        response: { 200: Person },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.manage');
      return updatePerson(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        body: request.body,
        now: new Date(),
      });
    },
  );
  app.post(
    '/registry/people/:id/reveal',
    {
      schema: {
        tags,
        summary: 'A person’s full ID number or phone, for a stated purpose (audited)',
        params: IdParams,
        body: RevealPersonBody,
        response: { 200: RevealedValue },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.reveal');
      return revealPersonField(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        ...request.body,
      });
    },
  );
  app.post(
    '/registry/people/:id/tags',
    {
      schema: {
        tags,
        summary: 'Tag a person with a tag I am granted',
        params: IdParams,
        body: TagPersonBody,
        response: { 200: Type.Object({ tags: Type.Array(Type.String()) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.manage');
      return tagPerson(deps, { actor, context: auditContextOf(request), id: request.params.id, tag: request.body.tag });
    },
  );
  registryReadRoute(
    app,
    '/registry/history/:kind/:id',
    { summary: 'The past states of a record, newest first', params: RecordKindParams, response: HistoryList },
    async (actor, { params }) => ({ items: await getHistory(deps, { actor, kind: params.kind, id: params.id }) }),
  );

  // ── organizations, facilities ──
  app.post(
    '/registry/organizations',
    {
      schema: {
        tags,
        summary: 'Register an organization at a standard address',
        body: CreateOrganizationBody,
        response: { 201: Organization },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const organization = await createOrganization(deps, {
        actor,
        context: auditContextOf(request),
        body: request.body,
      });
      return reply.status(201).send(organization);
    },
  );
  app.post(
    '/registry/facilities',
    {
      schema: {
        tags,
        summary: 'Register a facility (部件) at a point',
        body: CreateFacilityBody,
        response: { 201: Facility },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const facility = await createFacility(deps, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(facility);
    },
  );

  app.patch(
    '/registry/facilities/:id',
    {
      schema: {
        tags,
        summary: 'Change a facility’s state or owner unit; the old state goes to history',
        params: IdParams,
        body: UpdateFacilityBody,
        response: { 200: Facility },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.manage');
      return updateFacility(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        body: request.body,
        now: new Date(),
      });
    },
  );

  // ── search, group rentals ──
  app.get(
    '/registry/search',
    {
      config: { sensitiveQuery: true },
      schema: {
        tags,
        summary: 'Find people, households, addresses, buildings, organizations in scope',
        querystring: RegistrySearchQuery,
        response: { 200: RegistrySearchResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return { items: await searchRegistry(deps, { actor, context: auditContextOf(request), query: request.query }) };
    },
  );
  registryReadRoute(
    app,
    '/registry/map-layers',
    {
      summary: 'A registry layer of the grid map: counts per base grid in scope, points in view',
      querystring: RegistryMapLayerQuery,
      response: RegistryMapLayer,
    },
    (actor, { query }) => getMapLayer(deps, { actor, query }),
  );
  registryReadRoute(
    app,
    '/registry/group-rentals',
    {
      summary: 'Dwellings the group-rental rule flags, with why',
      querystring: GroupRentalQuery,
      response: GroupRentalList,
    },
    (actor, { query }) => listGroupRentals(deps, { actor, rule: query.rule, now: new Date() }),
  );
  app.get(
    '/registry/group-rentals/export.xlsx',
    {
      schema: {
        tags,
        summary: `The suspected group rentals as an Excel list for patrol and visit plans; at most ${config.exportMaxRows} rows, audited`,
        querystring: GroupRentalQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.read');
      const now = new Date();
      const bytes = await exportGroupRentals(deps, {
        actor,
        context: auditContextOf(request),
        rule: request.query.rule,
        locale: request.locale,
        maxRows: config.exportMaxRows,
        now,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'group-rentals', localized: { 'zh-CN': '疑似群租房', 'en-US': 'group-rentals' } },
        request.locale,
        now,
      );
    },
  );

  // ── tag grants, the data-sharing catalog ──
  app.get(
    '/registry/tag-grants',
    { schema: { tags, summary: 'Who may see which special-population tags', response: { 200: TagGrantList } } },
    async (request) => {
      authorize(request, 'registry.sharing');
      return { items: await listTagGrants(deps) };
    },
  );
  app.post(
    '/registry/tag-grants',
    {
      schema: {
        tags,
        summary: 'Grant a role or unit the sight of a tag (audited)',
        body: CreateTagGrantBody,
        response: { 201: TagGrant },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.sharing');
      const grant = await createTagGrant(deps, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(grant);
    },
  );
  app.post(
    '/registry/tag-grants/:id/revoke',
    { schema: { tags, summary: 'Revoke a tag grant (audited)', params: IdParams, response: { 200: TagGrant } } },
    async (request) => {
      const actor = authorize(request, 'registry.sharing');
      return revokeTagGrant(deps, { actor, context: auditContextOf(request), id: request.params.id, now: new Date() });
    },
  );
  app.get(
    '/registry/sharing-grants',
    {
      schema: {
        tags,
        summary: 'The data-sharing catalog (admins: all; a department: its unit’s)',
        response: { 200: SharingGrantList },
      },
    },
    async (request) => {
      const actor = authorize(request, null);
      const all = can(actor.roles, 'registry.sharing');
      if (!all && !can(actor.roles, 'registry.shared-read')) throw new DomainError('forbidden');
      return { items: await listSharingGrants(deps, { all, unitId: actor.unitId }) };
    },
  );
  app.post(
    '/registry/sharing-grants',
    {
      schema: {
        tags,
        summary: 'Add a grant to the data-sharing catalog (audited)',
        body: CreateSharingGrantBody,
        response: { 201: SharingGrant },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.sharing');
      const grant = await createSharingGrant(deps, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        now: new Date(),
      });
      return reply.status(201).send(grant);
    },
  );
  app.post(
    '/registry/sharing-grants/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a data-sharing grant (audited)',
        params: IdParams,
        response: { 200: SharingGrant },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.sharing');
      return revokeSharingGrant(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        now: new Date(),
      });
    },
  );
  app.get(
    '/registry/shared/:id',
    {
      schema: {
        tags,
        summary: 'Records read through one of my unit’s sharing grants: exactly the granted fields (audited)',
        params: IdParams,
        querystring: SharedRecordsQuery,
        response: { 200: SharedRecords },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.shared-read');
      return readSharedRecords(deps, {
        actor,
        context: auditContextOf(request),
        grantId: request.params.id,
        limit: request.query.limit ?? 100,
        offset: request.query.offset ?? 0,
        now: new Date(),
      });
    },
  );
  app.get(
    '/registry/shared/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: `Everything one of my unit's sharing grants gives, as an Excel list of exactly the granted fields; at most ${config.exportMaxRows} rows, audited with the grant's purpose`,
        params: IdParams,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.shared-read');
      const now = new Date();
      const { bytes, grant } = await exportSharedRecords(deps, {
        actor,
        context: auditContextOf(request),
        grantId: request.params.id,
        locale: request.locale,
        maxRows: config.exportMaxRows,
        now,
      });
      const kind = REGISTRY_RECORD_KIND_LABELS[grant.recordKind];
      return sendWorkbook(
        reply,
        bytes,
        {
          ascii: `shared-${grant.recordKind}`,
          localized: { 'zh-CN': `共享数据-${kind['zh-CN']}`, 'en-US': `shared-${kind['en-US']}` },
        },
        request.locale,
        now,
      );
    },
  );
}
