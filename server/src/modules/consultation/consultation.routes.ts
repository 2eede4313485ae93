import {
  AgendaItem,
  AgendaItemParams,
  CheckInBody,
  CommunityList,
  ConveneMeetingBody,
  CreateTaskBody,
  DecideBody,
  Decision,
  DecisionList,
  DecisionListQuery,
  IdParams,
  JoinCommunityBody,
  type Locale,
  Meeting,
  MeetingList,
  MeetingListQuery,
  MeetingParams,
  MinutesBody,
  MyCommunity,
  NoticeList,
  type Permission,
  RaiseTopicBody,
  RegisterBody,
  Registration,
  RegistrationList,
  TaskParams,
  TaskProgressBody,
  Topic,
  TopicList,
  TopicListQuery,
  VoteBody,
  VoteCount,
} from '@yiwang/contracts';
import type { FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { Actor, App } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize, can } from '../accounts/index.js';
import type { AuditContext } from '../audit/index.js';
import type { CaseDeps } from '../cases/index.js';
import type { NoticeSender } from './notice-sender.js';
import { joinCommunity, listCommunities, myCommunity } from './use-cases/community.js';
import { createDecisionTask, reportTaskProgress } from './use-cases/decisions.js';
import { exportDecisions, exportMeetings, exportRegistrations, exportTopics } from './use-cases/export-consultation.js';
import { readDecision, readDecisions, readMyNotices } from './use-cases/follow-cases.js';
import {
  conveneMeeting,
  getMeeting,
  listMeetings,
  listRegistrations,
  publishResults,
  recordMinutes,
  registerForMeeting,
} from './use-cases/meetings.js';
import { readNotice } from './use-cases/notify-followers.js';
import { getTopic, listTopics, raiseTopic, setSupport } from './use-cases/topics.js';
import { castOnlineVote, checkIn, countAgendaItem, enterPaperCount } from './use-cases/votes.js';

export interface ConsultationDeps extends CaseDeps {
  sender: NoticeSender;
  exportMaxRows: number;
}

/** Residents (their community) and the desk (its scope) read topics, meetings and decisions. */
function authorizeReader(request: FastifyRequest) {
  const actor = authorize(request, null);
  if (!can(actor.roles, 'consultation.take-part') && !can(actor.roles, 'consultation.read'))
    throw new DomainError('forbidden');
  return actor;
}

/** A resident raises a topic for their community, a grid worker or the workstation for one in scope. */
function authorizeRaiser(request: FastifyRequest) {
  const actor = authorize(request, null);
  if (!can(actor.roles, 'consultation.take-part') && !can(actor.roles, 'consultation.raise'))
    throw new DomainError('forbidden');
  return actor;
}

/** Registration: a resident for themselves, the desk for someone by name. */
function authorizeRegistrar(request: FastifyRequest) {
  const actor = authorize(request, null);
  if (!can(actor.roles, 'consultation.take-part') && !can(actor.roles, 'consultation.manage'))
    throw new DomainError('forbidden');
  return actor;
}

const RegionQuery = Type.Object({ regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })) });
const CheckedIn = Type.Intersect([Registration, Type.Object({ votedOnline: Type.Boolean() })]);
const tags = ['consultation'];

/**
 * An Excel export route of this module: schema → authorize → one export use case → the workbook
 * under its name in the reader's language. Every export here has this shape; only the path,
 * the permission, the file's name and the use case differ.
 */
function exportRoute<Q extends TSchema, P extends TSchema>(
  app: App,
  route: {
    url: string;
    summary: string;
    querystring?: Q;
    params?: P;
    permission: Permission;
    file: { ascii: string; localized: Record<Locale, string> };
    build: (input: { actor: Actor; context: AuditContext; query: Static<Q>; params: Static<P> }) => Promise<Buffer>;
  },
) {
  app.get(
    route.url,
    {
      schema: {
        tags,
        summary: route.summary,
        ...(route.querystring ? { querystring: route.querystring } : {}),
        ...(route.params ? { params: route.params } : {}),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, route.permission);
      const bytes = await route.build({
        actor,
        context: auditContextOf(request),
        query: request.query as Static<Q>,
        params: request.params as Static<P>,
      });
      return sendWorkbook(reply, bytes, route.file, request.locale, new Date());
    },
  );
}

export function consultationRoutes(app: App, deps: ConsultationDeps) {
  const { db } = deps;
  const now = () => new Date();

  // — the resident's community —
  app.get(
    '/consultation/my-community',
    {
      schema: { tags, summary: 'My community for consultation (null until I name it)', response: { 200: MyCommunity } },
    },
    async (request) => myCommunity(db, authorize(request, 'consultation.take-part')),
  );
  app.put(
    '/consultation/my-community',
    {
      schema: { tags, summary: 'Name my community (audited)', body: JoinCommunityBody, response: { 200: MyCommunity } },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.take-part');
      return joinCommunity(db, { actor, context: auditContextOf(request), body: request.body, now: now() });
    },
  );
  app.get(
    '/consultation/communities',
    { schema: { tags, summary: 'Communities I may name or choose (my scope)', response: { 200: CommunityList } } },
    async (request) => listCommunities(db, authorizeReader(request)),
  );

  // — topics —
  app.get(
    '/topics',
    {
      schema: {
        tags,
        summary:
          'Topics (议题) of my community (residents) or of the communities in scope, newest first; expired ones stay',
        querystring: TopicListQuery,
        response: { 200: TopicList },
      },
    },
    async (request) => listTopics(db, authorizeReader(request), request.query),
  );
  exportRoute(app, {
    url: '/topics/export.xlsx',
    summary: 'The topics in scope as an Excel workbook (audited)',
    querystring: RegionQuery,
    permission: 'consultation.read',
    file: { ascii: 'topics', localized: { 'zh-CN': '议题', 'en-US': 'topics' } },
    build: ({ actor, context, query }) =>
      exportTopics(db, { actor, context, regionCode: query.regionCode, maxRows: deps.exportMaxRows }),
  });
  app.post(
    '/topics',
    {
      schema: {
        tags,
        summary: 'Raise a topic for a community or one of its grids (audited)',
        body: RaiseTopicBody,
        response: { 201: Topic },
      },
    },
    async (request, reply) => {
      const actor = authorizeRaiser(request);
      const topic = await raiseTopic(db, { actor, context: auditContextOf(request), body: request.body, now: now() });
      return reply.status(201).send(topic);
    },
  );
  app.get(
    '/topics/:id',
    { schema: { tags, summary: 'A topic with its progress and rules', params: IdParams, response: { 200: Topic } } },
    async (request) => getTopic(db, authorizeReader(request), request.params.id),
  );
  app.put(
    '/topics/:id/support',
    {
      schema: {
        tags,
        summary:
          'Support a topic of my community (once per person, or per household once linked); reaching the threshold puts it on the next meeting’s agenda',
        params: IdParams,
        response: { 200: Topic },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.take-part');
      return setSupport(db, deps, {
        actor,
        context: auditContextOf(request),
        topicId: request.params.id,
        support: true,
        now: now(),
      });
    },
  );
  app.delete(
    '/topics/:id/support',
    {
      schema: {
        tags,
        summary: 'Withdraw my support while the topic still gathers support',
        params: IdParams,
        response: { 200: Topic },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.take-part');
      return setSupport(db, deps, {
        actor,
        context: auditContextOf(request),
        topicId: request.params.id,
        support: false,
        now: now(),
      });
    },
  );

  // — meetings —
  app.get(
    '/meetings',
    {
      schema: {
        tags,
        summary: 'Consultation meetings (议事会) of my community or in scope, latest first',
        querystring: MeetingListQuery,
        response: { 200: MeetingList },
      },
    },
    async (request) => listMeetings(db, authorizeReader(request), request.query),
  );
  exportRoute(app, {
    url: '/meetings/export.xlsx',
    summary: 'The meetings in scope with their results as an Excel workbook (audited)',
    querystring: RegionQuery,
    permission: 'consultation.read',
    file: { ascii: 'meetings', localized: { 'zh-CN': '议事会', 'en-US': 'meetings' } },
    build: ({ actor, context, query }) =>
      exportMeetings(db, { actor, context, regionCode: query.regionCode, maxRows: deps.exportMaxRows }),
  });
  app.post(
    '/meetings',
    {
      schema: {
        tags,
        summary:
          'Convene a meeting: its type’s quorum and majority, an agenda of the topics that reached their threshold (audited)',
        body: ConveneMeetingBody,
        response: { 201: Meeting },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'consultation.manage');
      const meeting = await conveneMeeting(db, deps, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        now: now(),
      });
      return reply.status(201).send(meeting);
    },
  );
  app.get(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: 'A meeting with its agenda, counts and my registration',
        params: MeetingParams,
        response: { 200: Meeting },
      },
    },
    async (request) => getMeeting(db, authorizeReader(request), request.params.id),
  );
  app.post(
    '/meetings/:id/registrations',
    {
      schema: {
        tags,
        summary:
          'Register for a meeting: a resident themselves (the same code again), the desk someone by name; answers the door code',
        params: MeetingParams,
        body: RegisterBody,
        response: { 201: Registration },
      },
    },
    async (request, reply) => {
      const actor = authorizeRegistrar(request);
      const registration = await registerForMeeting(db, {
        actor,
        context: auditContextOf(request),
        meetingId: request.params.id,
        body: request.body,
        now: now(),
      });
      return reply.status(201).send(registration);
    },
  );
  app.get(
    '/meetings/:id/registrations',
    {
      schema: {
        tags,
        summary: 'The door list: names, codes, who checked in',
        params: MeetingParams,
        response: { 200: RegistrationList },
      },
    },
    async (request) => listRegistrations(db, authorize(request, 'consultation.manage'), request.params.id),
  );
  exportRoute(app, {
    url: '/meetings/:id/registrations/export.xlsx',
    summary: 'The door list as an Excel workbook to print (audited)',
    params: MeetingParams,
    permission: 'consultation.manage',
    file: { ascii: 'door-list', localized: { 'zh-CN': '签到名单', 'en-US': 'door-list' } },
    build: ({ actor, context, params }) =>
      exportRegistrations(db, { actor, context, meetingId: params.id, maxRows: deps.exportMaxRows }),
  });
  app.post(
    '/meetings/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'Check a door code: the registrant is present (audited)',
        params: MeetingParams,
        body: CheckInBody,
        response: { 200: CheckedIn },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.manage');
      return checkIn(db, {
        actor,
        context: auditContextOf(request),
        meetingId: request.params.id,
        body: request.body,
        now: now(),
      });
    },
  );
  app.put(
    '/meetings/:id/minutes',
    {
      schema: {
        tags,
        summary: 'Record the minutes (会议纪要)',
        params: MeetingParams,
        body: MinutesBody,
        response: { 200: Meeting },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.manage');
      return recordMinutes(db, {
        actor,
        context: auditContextOf(request),
        meetingId: request.params.id,
        body: request.body,
      });
    },
  );
  app.post(
    '/meetings/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the results: voting ends, counts and minutes are shown to residents',
        params: MeetingParams,
        response: { 200: Meeting },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.manage');
      return publishResults(db, { actor, context: auditContextOf(request), meetingId: request.params.id, now: now() });
    },
  );
  app.put(
    '/meetings/:id/agenda/:itemId/my-vote',
    {
      schema: {
        tags,
        summary: 'Vote online on an agenda item (registered residents; changeable until counted)',
        params: AgendaItemParams,
        body: VoteBody,
        response: { 200: AgendaItem },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.take-part');
      return castOnlineVote(db, {
        actor,
        context: auditContextOf(request),
        meetingId: request.params.id,
        itemId: request.params.itemId,
        body: request.body,
        now: now(),
      });
    },
  );
  app.put(
    '/meetings/:id/agenda/:itemId/paper-count',
    {
      schema: {
        tags,
        summary: 'Enter the paper ballots of an item (kept apart from online votes; audited)',
        params: AgendaItemParams,
        body: VoteCount,
        response: { 200: AgendaItem },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.manage');
      return enterPaperCount(db, {
        actor,
        context: auditContextOf(request),
        meetingId: request.params.id,
        itemId: request.params.itemId,
        body: request.body,
      });
    },
  );
  app.post(
    '/meetings/:id/agenda/:itemId/count',
    {
      schema: {
        tags,
        summary: 'Count an item under the meeting’s quorum and majority; adopted → a decision, followers told',
        params: AgendaItemParams,
        body: DecideBody,
        response: { 200: AgendaItem },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.manage');
      return countAgendaItem(db, deps, {
        actor,
        context: auditContextOf(request),
        meetingId: request.params.id,
        itemId: request.params.itemId,
        body: request.body,
        now: now(),
      });
    },
  );

  // — decisions —
  app.get(
    '/decisions',
    {
      schema: {
        tags,
        summary: 'Decisions with their tasks, progress and timelines (public to the community)',
        querystring: DecisionListQuery,
        response: { 200: DecisionList },
      },
    },
    async (request) => readDecisions(db, deps, authorizeReader(request), request.query),
  );
  exportRoute(app, {
    url: '/decisions/export.xlsx',
    summary: 'Decisions and their tasks as an Excel workbook (audited)',
    querystring: RegionQuery,
    permission: 'consultation.read',
    file: { ascii: 'decisions', localized: { 'zh-CN': '决议落实', 'en-US': 'decisions' } },
    build: ({ actor, context, query }) =>
      exportDecisions(db, { actor, context, regionCode: query.regionCode, maxRows: deps.exportMaxRows }),
  });
  app.get(
    '/decisions/:id',
    {
      schema: {
        tags,
        summary: 'A decision, its tasks and each task’s timeline',
        params: IdParams,
        response: { 200: Decision },
      },
    },
    async (request) => readDecision(db, deps, authorizeReader(request), request.params.id),
  );
  app.post(
    '/decisions/:id/tasks',
    {
      schema: {
        tags,
        summary:
          'Carry out a decision: a case in the case loop (channel consultation) or a community task with an owner',
        params: IdParams,
        body: CreateTaskBody,
        response: { 201: Decision },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'consultation.manage');
      const decision = await createDecisionTask(deps, {
        actor,
        context: auditContextOf(request),
        decisionId: request.params.id,
        body: request.body,
        now: now(),
      });
      return reply.status(201).send(decision);
    },
  );
  app.post(
    '/decisions/:id/tasks/:taskId/progress',
    {
      schema: {
        tags,
        summary: 'Report a community task’s status and percentage (followers told)',
        params: TaskParams,
        body: TaskProgressBody,
        response: { 200: Decision },
      },
    },
    async (request) => {
      const actor = authorize(request, 'consultation.manage');
      return reportTaskProgress(db, deps, {
        actor,
        context: auditContextOf(request),
        decisionId: request.params.id,
        taskId: request.params.taskId,
        body: request.body,
        now: now(),
      });
    },
  );

  // — my notices —
  app.get(
    '/notices/mine',
    {
      schema: {
        tags,
        summary: 'My notices (topics on the agenda, decisions and their progress), newest first',
        response: { 200: NoticeList },
      },
    },
    async (request) => readMyNotices(db, deps, authorize(request, null)),
  );
  app.post(
    '/notices/:id/read',
    { schema: { tags, summary: 'Mark one of my notices read', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await readNotice(db, authorize(request, null), request.params.id, now());
      return reply.status(204).send(null);
    },
  );
}
