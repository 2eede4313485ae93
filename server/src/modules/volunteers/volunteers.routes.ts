import {
  Activity,
  ActivityList,
  ActivityListQuery,
  AddServiceProviderBody,
  CreateActivityBody,
  IdParams,
  MyVolunteering,
  RegisterVolunteerBody,
  ServiceDirectoryQuery,
  ServiceProvider,
  ServiceProviderList,
  Signup,
  SignupList,
  SpendPointsBody,
  VerifyHoursBody,
  Volunteer,
  VolunteerList,
  VolunteerListQuery,
} from '@yiwang/contracts';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize, can } from '../accounts/index.js';
import { createActivity, listActivities } from './use-cases/activities.js';
import { exportVolunteers, listVolunteers } from './use-cases/list-volunteers.js';
import { myVolunteering } from './use-cases/my-volunteering.js';
import { registerVolunteer } from './use-cases/register-volunteer.js';
import { addServiceProvider, exportServiceDirectory, searchServiceDirectory } from './use-cases/service-directory.js';
import { signUpForShift } from './use-cases/sign-up-for-shift.js';
import { spendPoints } from './use-cases/spend-points.js';
import { listShiftSignups, verifyHours } from './use-cases/verify-hours.js';
import { volunteerCertificate } from './use-cases/volunteer-certificate.js';

/** Volunteers (residents) and the desk both read activities. */
function authorizeActivityReader(request: FastifyRequest) {
  const actor = authorize(request, null);
  if (!can(actor.roles, 'volunteers.read') && !can(actor.roles, 'volunteers.join')) throw new DomainError('forbidden');
  return actor;
}

const HTML_RESPONSE = {
  200: { description: 'A printable HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
};

export function volunteersRoutes(app: App, { database }: ModuleContext) {
  const { db } = database;

  app.post(
    '/volunteers/me',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'Sign myself up as a volunteer of a community (residents, from the portal)',
        body: RegisterVolunteerBody,
        response: { 201: Volunteer },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.join');
      const result = await registerVolunteer(db, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        self: true,
      });
      return reply.status(201).send(result.value);
    },
  );

  app.get(
    '/volunteers/me',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'My volunteering: registration, shifts and verified hours, the time-bank ledger and balance',
        response: { 200: MyVolunteering },
      },
    },
    async (request) => {
      const actor = authorize(request, 'volunteers.join');
      return myVolunteering(db, actor);
    },
  );

  app.get(
    '/volunteers/me/certificate',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'My printable volunteer service certificate (HTML)',
        response: HTML_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.join');
      const html = await volunteerCertificate(db, {
        actor,
        context: auditContextOf(request),
        volunteerId: null,
        locale: request.locale,
        now: new Date(),
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/volunteers',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'Register a volunteer of a community in my scope (the workstation, for people without an account)',
        body: RegisterVolunteerBody,
        response: { 201: Volunteer },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.manage');
      const result = await registerVolunteer(db, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        self: false,
      });
      return reply.status(201).send(result.value);
    },
  );

  app.get(
    '/volunteers',
    {
      config: { sensitiveQuery: true },
      schema: {
        tags: ['volunteers'],
        summary: 'The volunteer registry of my scope (skills, availability, training, hours, points); audited',
        querystring: VolunteerListQuery,
        response: { 200: VolunteerList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'volunteers.read');
      return listVolunteers(db, actor, auditContextOf(request), request.query);
    },
  );

  app.get(
    '/volunteers/export.xlsx',
    {
      config: { sensitiveQuery: true },
      schema: {
        tags: ['volunteers'],
        summary: 'The volunteer registry as an Excel workbook, with the list’s filters; audited',
        querystring: VolunteerListQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.read');
      const now = new Date();
      const { bytes } = await exportVolunteers(db, actor, auditContextOf(request), {
        query: request.query,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'volunteers', localized: { 'zh-CN': '志愿者名册', 'en-US': 'volunteers' } },
        request.locale,
        now,
      );
    },
  );

  app.get(
    '/volunteers/:id/certificate',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'A volunteer’s printable service certificate (HTML); audited',
        params: IdParams,
        response: HTML_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.read');
      const html = await volunteerCertificate(db, {
        actor,
        context: auditContextOf(request),
        volunteerId: request.params.id,
        locale: request.locale,
        now: new Date(),
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/volunteer-activities',
    {
      schema: {
        tags: ['volunteers'],
        summary:
          'Create an activity with shifts and places (I organize it and verify its hours); an optional cap of points per volunteer',
        body: CreateActivityBody,
        response: { 201: Activity },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.manage');
      const result = await createActivity(db, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(result.value);
    },
  );

  app.post(
    '/volunteers/:id/redemptions',
    {
      schema: {
        tags: ['volunteers'],
        summary:
          'Spend a volunteer’s time-bank points on a service (never below zero; audited, refusals too); answers the new balance',
        params: IdParams,
        body: SpendPointsBody,
        response: { 200: Volunteer },
      },
    },
    async (request) => {
      const actor = authorize(request, 'volunteers.manage');
      const result = await spendPoints(db, {
        actor,
        context: auditContextOf(request),
        volunteerId: request.params.id,
        body: request.body,
      });
      return result.value;
    },
  );

  app.get(
    '/volunteer-activities',
    {
      schema: {
        tags: ['volunteers'],
        summary:
          'Activities of my scope with their shifts (for a volunteer: those still to come, and which I signed up for)',
        querystring: ActivityListQuery,
        response: { 200: ActivityList },
      },
    },
    async (request) => {
      const actor = authorizeActivityReader(request);
      return listActivities(db, actor, request.query, {
        asVolunteer: !can(actor.roles, 'volunteers.read'),
        now: new Date(),
      });
    },
  );

  app.post(
    '/volunteer-shifts/:id/sign-ups',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'Sign myself up for a shift (one place each; never more than its places, even at the same moment)',
        params: IdParams,
        response: { 201: Signup },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.join');
      const result = await signUpForShift(db, {
        actor,
        context: auditContextOf(request),
        shiftId: request.params.id,
        now: new Date(),
      });
      return reply.status(201).send(result.value);
    },
  );

  app.get(
    '/volunteer-shifts/:id/sign-ups',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'Who signed up for a shift, with their verified hours',
        params: IdParams,
        response: { 200: SignupList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'volunteers.manage');
      return listShiftSignups(db, actor, request.params.id);
    },
  );

  app.post(
    '/volunteer-sign-ups/:id/verify',
    {
      schema: {
        tags: ['volunteers'],
        summary:
          'The organizer verifies the minutes served (once): credited to the time bank, 1 hour = 1 point, up to the activity’s cap',
        params: IdParams,
        body: VerifyHoursBody,
        response: { 200: Signup },
      },
    },
    async (request) => {
      const actor = authorize(request, 'volunteers.manage');
      const result = await verifyHours(db, {
        actor,
        context: auditContextOf(request),
        signupId: request.params.id,
        body: request.body,
        now: new Date(),
      });
      return result.value;
    },
  );

  app.get(
    '/public/service-directory',
    {
      schema: {
        tags: ['volunteers'],
        summary:
          'The service directory (no sign-in): social organizations and providers — what they offer, where, how to reach them; search by words, kind, community',
        security: [],
        querystring: ServiceDirectoryQuery,
        response: { 200: ServiceProviderList },
      },
    },
    async (request) => searchServiceDirectory(db, request.query),
  );

  app.post(
    '/service-providers',
    {
      schema: {
        tags: ['volunteers'],
        summary:
          'Add a social organization or service provider to the directory (for a community, town or the county of my scope)',
        body: AddServiceProviderBody,
        response: { 201: ServiceProvider },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.manage');
      const result = await addServiceProvider(db, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(result.value);
    },
  );

  app.get(
    '/service-providers/export.xlsx',
    {
      schema: {
        tags: ['volunteers'],
        summary: 'The service directory of my scope as an Excel workbook',
        querystring: ServiceDirectoryQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'volunteers.read');
      const now = new Date();
      const { bytes } = await exportServiceDirectory(db, actor, auditContextOf(request), {
        query: request.query,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'service-directory', localized: { 'zh-CN': '服务机构名录', 'en-US': 'service-directory' } },
        request.locale,
        now,
      );
    },
  );
}
