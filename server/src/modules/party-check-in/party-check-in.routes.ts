import {
  AddServicePostBody,
  ChoosePostBody,
  IdParams,
  LogPartyServiceBody,
  PartyCheckInOverview,
  PartyCheckInQuery,
  PartyMember,
  PartyOrganization,
  PartyServiceLog,
  RegisterPartyMemberBody,
  RegisterPartyOrganizationBody,
  ServicePost,
  ServiceRecordQuery,
} from '@yiwang/contracts';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { statusOf } from '../../platform/write-result.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { exportServiceRecord } from './use-cases/export-service-record.js';
import {
  addServicePost,
  choosePost,
  logPartyService,
  partyCheckInOverview,
  registerPartyMember,
  registerPartyOrganization,
} from './use-cases/party-check-in.js';

export function partyCheckInRoutes(app: App, { database }: ModuleContext) {
  const { db } = database;

  app.get(
    '/party-check-in',
    {
      schema: {
        tags: ['party-check-in'],
        summary:
          'Party organizations and members checked in to my scope (or a community), and the needs list of service posts',
        querystring: PartyCheckInQuery,
        response: { 200: PartyCheckInOverview },
      },
    },
    async (request) => {
      const actor = authorize(request, 'party-check-in.read');
      return partyCheckInOverview(db, actor, { communityCode: request.query.communityCode, now: new Date() });
    },
  );

  app.post(
    '/party-check-in/organizations',
    {
      schema: {
        tags: ['party-check-in'],
        summary: 'A party organization checks in to a residential community',
        body: RegisterPartyOrganizationBody,
        response: { 201: PartyOrganization },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'party-check-in.manage');
      return reply
        .status(201)
        .send(await registerPartyOrganization(db, { actor, context: auditContextOf(request), body: request.body }));
    },
  );

  app.post(
    '/party-check-in/members',
    {
      schema: {
        tags: ['party-check-in'],
        summary: 'A party member checks in to the community they live in',
        body: RegisterPartyMemberBody,
        response: { 201: PartyMember },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'party-check-in.manage');
      return reply
        .status(201)
        .send(await registerPartyMember(db, { actor, context: auditContextOf(request), body: request.body }));
    },
  );

  app.post(
    '/party-check-in/posts',
    {
      schema: {
        tags: ['party-check-in'],
        summary: 'Add a service post to the community’s needs list',
        body: AddServicePostBody,
        response: { 201: ServicePost },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'party-check-in.manage');
      return reply
        .status(201)
        .send(await addServicePost(db, { actor, context: auditContextOf(request), body: request.body }));
    },
  );

  app.post(
    '/party-check-in/members/:id/posts',
    {
      schema: {
        tags: ['party-check-in'],
        summary: 'A member takes a service post of their community (while it still needs people)',
        params: IdParams,
        body: ChoosePostBody,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'party-check-in.manage');
      const result = await choosePost(db, {
        actor,
        context: auditContextOf(request),
        memberId: request.params.id,
        postId: request.body.postId,
      });
      return reply.status(statusOf(result.kind)).send({});
    },
  );

  app.post(
    '/party-check-in/members/:id/services',
    {
      schema: {
        tags: ['party-check-in'],
        summary: 'Log service a member gave on a post they hold',
        params: IdParams,
        body: LogPartyServiceBody,
        response: { 201: PartyServiceLog },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'party-check-in.manage');
      const log = await logPartyService(db, {
        actor,
        context: auditContextOf(request),
        memberId: request.params.id,
        body: request.body,
        now: new Date(),
      });
      return reply.status(201).send(log);
    },
  );

  app.get(
    '/party-check-in/members/:id/service-record.xlsx',
    {
      schema: {
        tags: ['party-check-in'],
        summary: 'A member’s quarterly service record as an Excel workbook, for their employer; audited',
        params: IdParams,
        querystring: ServiceRecordQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'party-check-in.read');
      const now = new Date();
      const { bytes } = await exportServiceRecord(db, actor, auditContextOf(request), {
        memberId: request.params.id,
        quarter: request.query.quarter,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        {
          ascii: `service-record-${request.query.quarter}`,
          localized: {
            'zh-CN': `党员服务记录-${request.query.quarter}`,
            'en-US': `service-record-${request.query.quarter}`,
          },
        },
        request.locale,
        now,
      );
    },
  );
}
