import { type Static, type TSchema, Type } from 'typebox';
import { FormAnswers } from './cases.js';
import {
  AGENDA_RESULTS,
  DECISION_STATES,
  MEETING_STATES,
  MEETING_TYPES,
  TASK_STATUSES,
  TOPIC_STATES,
  VOTE_CHOICES,
} from './vocabulary/consultation.js';

/**
 * Residents govern together (议事协商): topics with support thresholds, consultation meetings
 * with door codes, online and paper votes, decisions carried out by tasks tracked in public,
 * and residents' notices.
 */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const RegionCode = Type.String({ pattern: '^[0-9]{6,12}$' });
const GridCode = Type.String({ pattern: '^[0-9]{6,20}$' });

export const Community = Type.Object({ code: Type.String(), name: Type.String() });
export type Community = Static<typeof Community>;

/** The resident's community for consultation (null until they name it). */
export const MyCommunity = Type.Object({ community: Nullable(Community) });
export type MyCommunity = Static<typeof MyCommunity>;

export const JoinCommunityBody = Type.Object({ regionCode: RegionCode }, { additionalProperties: false });
export type JoinCommunityBody = Static<typeof JoinCommunityBody>;

export const CommunityList = Type.Object({ items: Type.Array(Community) });
export type CommunityList = Static<typeof CommunityList>;

export const MeetingRef = Type.Object({ id: Type.String(), title: Type.String(), startsAt: DateTime });

export const Topic = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  community: Community,
  gridCode: Nullable(Type.String()),
  raisedVia: Type.Enum(['portal', 'desk']),
  state: Type.Enum(TOPIC_STATES),
  threshold: Type.Integer(),
  supportCount: Type.Integer(),
  /** 0–100, for the progress bar. */
  percent: Type.Integer(),
  /** Supports still needed. */
  missing: Type.Integer(),
  expiresAt: DateTime,
  expiredAt: Nullable(DateTime),
  qualifiedAt: Nullable(DateTime),
  createdAt: DateTime,
  /** Whether the caller (or their household) supports it. */
  supportedByMe: Type.Boolean(),
  /** The meeting whose agenda holds it. */
  meeting: Nullable(MeetingRef),
  decisionId: Nullable(Type.String()),
});
export type Topic = Static<typeof Topic>;

export const TopicList = Type.Object({ items: Type.Array(Topic) });
export type TopicList = Static<typeof TopicList>;

export const TopicListQuery = Type.Object({
  regionCode: Type.Optional(RegionCode),
  state: Type.Optional(Type.Enum(TOPIC_STATES)),
});
export type TopicListQuery = Static<typeof TopicListQuery>;

export const RaiseTopicBody = Type.Object(
  {
    title: Text(60),
    body: Text(2000),
    /** The desk names the community; a resident raises it for their own. */
    regionCode: Type.Optional(RegionCode),
    /** A base grid of the community, when the topic concerns one grid. */
    gridCode: Type.Optional(GridCode),
    /** Supports needed to reach the agenda (the desk may set it; default 5). */
    threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    /** Days the topic gathers support (default 30). */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);
export type RaiseTopicBody = Static<typeof RaiseTopicBody>;

export const VoteCount = Type.Object({
  yes: Type.Integer({ minimum: 0, maximum: 100_000 }),
  no: Type.Integer({ minimum: 0, maximum: 100_000 }),
  abstain: Type.Integer({ minimum: 0, maximum: 100_000 }),
});
export type VoteCount = Static<typeof VoteCount>;

export const MeetingRules = Type.Object({
  voteUnit: Type.Enum(['person', 'household']),
  quorumPercent: Type.Integer({ minimum: 1, maximum: 100 }),
  majorityPercent: Type.Integer({ minimum: 1, maximum: 99 }),
  majorityBase: Type.Enum(['cast', 'participants']),
});
export type MeetingRules = Static<typeof MeetingRules>;

export const Tally = Type.Object({
  result: Type.Enum(AGENDA_RESULTS),
  quorumNeeded: Type.Integer(),
  quorumMet: Type.Boolean(),
  participants: Type.Integer(),
  registered: Type.Integer(),
  yes: Type.Integer(),
  no: Type.Integer(),
  abstain: Type.Integer(),
  cast: Type.Integer(),
  yesNeeded: Type.Integer(),
});
export type Tally = Static<typeof Tally>;

export const AgendaItem = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  topicId: Nullable(Type.String()),
  /** Online votes (to the desk at once; to residents once counted). */
  online: Nullable(VoteCount),
  /** The paper ballots the clerk entered, kept apart. */
  paper: Nullable(VoteCount),
  result: Nullable(Type.Enum(AGENDA_RESULTS)),
  tally: Nullable(Tally),
  decisionId: Nullable(Type.String()),
  myVote: Nullable(Type.Enum(VOTE_CHOICES)),
});
export type AgendaItem = Static<typeof AgendaItem>;

export const Meeting = Type.Object({
  id: Type.String(),
  title: Type.String(),
  meetingType: Type.Enum(MEETING_TYPES),
  community: Community,
  startsAt: DateTime,
  place: Type.String(),
  state: Type.Enum(MEETING_STATES),
  rules: MeetingRules,
  minutes: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  registered: Type.Integer(),
  attended: Type.Integer(),
  agenda: Type.Array(AgendaItem),
  /** The caller's door code, when registered. */
  myRegistration: Nullable(Type.Object({ code: Type.String(), attended: Type.Boolean() })),
});
export type Meeting = Static<typeof Meeting>;

export const MeetingList = Type.Object({ items: Type.Array(Meeting) });
export type MeetingList = Static<typeof MeetingList>;

export const MeetingListQuery = Type.Object({ regionCode: Type.Optional(RegionCode) });
export type MeetingListQuery = Static<typeof MeetingListQuery>;

export const ConveneMeetingBody = Type.Object(
  {
    title: Text(60),
    meetingType: Type.Enum(MEETING_TYPES),
    regionCode: RegionCode,
    startsAt: DateTime,
    place: Text(100),
    /** The type's percentages unless set here. */
    quorumPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    majorityPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    /** Items of the community's own besides the topics that reached the agenda. */
    extraItems: Type.Optional(Type.Array(Text(60), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ConveneMeetingBody = Static<typeof ConveneMeetingBody>;

export const MeetingParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const AgendaItemParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  itemId: Type.String({ format: 'uuid' }),
});

export const Registration = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String(),
  attendedAt: Nullable(DateTime),
  /** Registered on the portal (else at the desk, e.g. on a printed list). */
  viaPortal: Type.Boolean(),
});
export type Registration = Static<typeof Registration>;

export const RegistrationList = Type.Object({ items: Type.Array(Registration) });
export type RegistrationList = Static<typeof RegistrationList>;

/** The desk registers someone without an account (by name); a resident registers themselves with no body. */
export const RegisterBody = Type.Object({ name: Type.Optional(Text(32)) }, { additionalProperties: false });
export type RegisterBody = Static<typeof RegisterBody>;

export const CheckInBody = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 12 }) },
  { additionalProperties: false },
);
export type CheckInBody = Static<typeof CheckInBody>;

export const VoteBody = Type.Object({ choice: Type.Enum(VOTE_CHOICES) }, { additionalProperties: false });
export type VoteBody = Static<typeof VoteBody>;

export const MinutesBody = Type.Object({ minutes: Text(20_000) }, { additionalProperties: false });
export type MinutesBody = Static<typeof MinutesBody>;

export const DecideBody = Type.Object(
  {
    /** What was resolved, in words (defaults to the item's title). */
    decisionText: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type DecideBody = Static<typeof DecideBody>;

export const TaskUpdate = Type.Object({
  status: Type.Enum(TASK_STATUSES),
  progress: Type.Integer(),
  note: Type.String(),
  at: DateTime,
});

export const DecisionTask = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['case', 'community']),
  title: Type.String(),
  ownerName: Nullable(Type.String()),
  caseCode: Nullable(Type.String()),
  status: Type.Enum(TASK_STATUSES),
  progress: Type.Integer(),
  updates: Type.Array(TaskUpdate),
});
export type DecisionTask = Static<typeof DecisionTask>;

export const Decision = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  community: Community,
  meetingId: Type.String(),
  topicId: Nullable(Type.String()),
  state: Type.Enum(DECISION_STATES),
  progress: Type.Integer(),
  decidedAt: DateTime,
  tasks: Type.Array(DecisionTask),
});
export type Decision = Static<typeof Decision>;

export const DecisionList = Type.Object({ items: Type.Array(Decision) });
export type DecisionList = Static<typeof DecisionList>;

export const DecisionListQuery = Type.Object({ regionCode: Type.Optional(RegionCode) });
export type DecisionListQuery = Static<typeof DecisionListQuery>;

export const CreateTaskBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('case'),
      title: Text(60),
      /** The matter the case is opened under (its unit acts, through the case loop). */
      matterCode: Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' }),
      description: Text(2000),
      /** WGS84. */
      point: Type.Optional(
        Type.Object({
          lon: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
        }),
      ),
      address: Type.Optional(Type.String({ maxLength: 200 })),
      /** Answers to the matter's questions, as on any report. */
      formAnswers: Type.Optional(FormAnswers),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('community'), title: Text(60), ownerName: Text(32) },
    { additionalProperties: false },
  ),
]);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const TaskParams = Type.Object({ id: Type.String({ format: 'uuid' }), taskId: Type.String({ format: 'uuid' }) });

export const TaskProgressBody = Type.Object(
  {
    status: Type.Enum(TASK_STATUSES),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    note: Text(500),
  },
  { additionalProperties: false },
);
export type TaskProgressBody = Static<typeof TaskProgressBody>;

export const Notice = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  decisionId: Nullable(Type.String()),
  topicId: Nullable(Type.String()),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export type Notice = Static<typeof Notice>;

export const NoticeList = Type.Object({ items: Type.Array(Notice), unread: Type.Integer() });
export type NoticeList = Static<typeof NoticeList>;
