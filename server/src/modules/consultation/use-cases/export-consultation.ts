import type { Decision, Meeting, Registration, Topic } from '@yiwang/contracts';
import {
  AGENDA_RESULT_LABELS,
  MEETING_STATE_LABELS,
  MEETING_TYPE_LABELS,
  TASK_STATUS_LABELS,
  TOPIC_STATE_LABELS,
} from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, checkExportSize, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { listDecisions } from './decisions.js';
import { listMeetings, listRegistrations, meetingInScope } from './meetings.js';
import { listTopics } from './topics.js';

const at = (iso: string | null) => (iso ? new Date(iso) : null);

const TOPIC_COLUMNS: ColumnSpec<Topic>[] = [
  { header: { 'zh-CN': '议题', 'en-US': 'Topic' }, width: 30, value: (t) => t.title },
  { header: { 'zh-CN': '社区', 'en-US': 'Community' }, width: 14, value: (t) => t.community.name },
  { header: { 'zh-CN': '网格', 'en-US': 'Grid' }, width: 16, value: (t) => t.gridCode },
  { header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 18, value: (t, l) => TOPIC_STATE_LABELS[t.state][l] },
  { header: { 'zh-CN': '支持人数', 'en-US': 'Supports' }, width: 10, type: 'integer', value: (t) => t.supportCount },
  { header: { 'zh-CN': '所需人数', 'en-US': 'Needed' }, width: 10, type: 'integer', value: (t) => t.threshold },
  {
    header: { 'zh-CN': '提出方式', 'en-US': 'Raised via' },
    width: 10,
    value: (t, l) =>
      t.raisedVia === 'portal' ? (l === 'zh-CN' ? '居民' : 'Resident') : l === 'zh-CN' ? '工作站' : 'Desk',
  },
  { header: { 'zh-CN': '提出时间', 'en-US': 'Raised' }, width: 17, type: 'datetime', value: (t) => at(t.createdAt) },
  { header: { 'zh-CN': '截止时间', 'en-US': 'Expires' }, width: 17, type: 'datetime', value: (t) => at(t.expiresAt) },
  { header: { 'zh-CN': '议事会', 'en-US': 'Meeting' }, width: 24, value: (t) => t.meeting?.title },
];

const MEETING_COLUMNS: ColumnSpec<Meeting>[] = [
  { header: { 'zh-CN': '会议', 'en-US': 'Meeting' }, width: 28, value: (m) => m.title },
  { header: { 'zh-CN': '类型', 'en-US': 'Type' }, width: 14, value: (m, l) => MEETING_TYPE_LABELS[m.meetingType][l] },
  { header: { 'zh-CN': '社区', 'en-US': 'Community' }, width: 14, value: (m) => m.community.name },
  { header: { 'zh-CN': '时间', 'en-US': 'Starts' }, width: 17, type: 'datetime', value: (m) => at(m.startsAt) },
  { header: { 'zh-CN': '地点', 'en-US': 'Place' }, width: 20, value: (m) => m.place },
  { header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 12, value: (m, l) => MEETING_STATE_LABELS[m.state][l] },
  { header: { 'zh-CN': '报名', 'en-US': 'Registered' }, width: 8, type: 'integer', value: (m) => m.registered },
  { header: { 'zh-CN': '到会', 'en-US': 'Attended' }, width: 8, type: 'integer', value: (m) => m.attended },
  {
    header: { 'zh-CN': '表决结果', 'en-US': 'Results' },
    width: 40,
    value: (m, l) =>
      m.agenda
        .map((i) => `${i.position}. ${i.title}：${i.result ? AGENDA_RESULT_LABELS[i.result][l] : '—'}`)
        .join('\n'),
  },
];

const REGISTRATION_COLUMNS: ColumnSpec<Registration>[] = [
  { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, width: 14, value: (r) => r.name },
  { header: { 'zh-CN': '签到码', 'en-US': 'Code' }, width: 10, value: (r) => r.code },
  {
    header: { 'zh-CN': '报名方式', 'en-US': 'Registered via' },
    width: 12,
    value: (r, l) => (r.viaPortal ? (l === 'zh-CN' ? '网上' : 'Portal') : l === 'zh-CN' ? '现场/名单' : 'Desk'),
  },
  {
    header: { 'zh-CN': '签到时间', 'en-US': 'Checked in' },
    width: 17,
    type: 'datetime',
    value: (r) => at(r.attendedAt),
  },
  { header: { 'zh-CN': '签名', 'en-US': 'Signature' }, width: 16, value: () => '' },
];

type TaskLine = { decision: Decision; task: Decision['tasks'][number] | null };
const DECISION_COLUMNS: ColumnSpec<TaskLine>[] = [
  { header: { 'zh-CN': '决议', 'en-US': 'Decision' }, width: 30, value: (r) => r.decision.title },
  { header: { 'zh-CN': '社区', 'en-US': 'Community' }, width: 14, value: (r) => r.decision.community.name },
  {
    header: { 'zh-CN': '表决时间', 'en-US': 'Decided' },
    width: 17,
    type: 'datetime',
    value: (r) => at(r.decision.decidedAt),
  },
  {
    header: { 'zh-CN': '总进度%', 'en-US': 'Progress %' },
    width: 9,
    type: 'integer',
    value: (r) => r.decision.progress,
  },
  { header: { 'zh-CN': '任务', 'en-US': 'Task' }, width: 26, value: (r) => r.task?.title },
  { header: { 'zh-CN': '负责', 'en-US': 'Owner' }, width: 20, value: (r) => r.task?.ownerName ?? r.task?.caseCode },
  {
    header: { 'zh-CN': '任务状态', 'en-US': 'Task status' },
    width: 10,
    value: (r, l) => (r.task ? TASK_STATUS_LABELS[r.task.status][l] : null),
  },
  { header: { 'zh-CN': '任务进度%', 'en-US': 'Task %' }, width: 9, type: 'integer', value: (r) => r.task?.progress },
];

interface ExportOptions {
  actor: Actor;
  context: AuditContext;
  regionCode?: string | undefined;
  maxRows: number;
}

export async function exportTopics(db: Db, o: ExportOptions): Promise<Buffer> {
  const { items } = await listTopics(db, o.actor, { regionCode: o.regionCode });
  checkExportSize(items.length, o.maxRows);
  await recordAudit(db, o.context, {
    action: 'topic.export',
    objectType: 'topic',
    details: { rows: items.length, regionCode: o.regionCode ?? null },
  });
  return writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '议题', 'en-US': 'Topics' }, columns: TOPIC_COLUMNS, rows: items })],
    o.actor.locale,
  );
}

export async function exportMeetings(db: Db, o: ExportOptions): Promise<Buffer> {
  const { items } = await listMeetings(db, o.actor, { regionCode: o.regionCode });
  checkExportSize(items.length, o.maxRows);
  await recordAudit(db, o.context, {
    action: 'meeting.export',
    objectType: 'meeting',
    details: { rows: items.length, regionCode: o.regionCode ?? null },
  });
  return writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '议事会', 'en-US': 'Meetings' }, columns: MEETING_COLUMNS, rows: items })],
    o.actor.locale,
  );
}

/** The door list of a meeting (names and codes: personal data, audited), printable for checking codes on paper. */
export async function exportRegistrations(db: Db, o: ExportOptions & { meetingId: string }): Promise<Buffer> {
  const meeting = await meetingInScope(db, o.actor, o.meetingId);
  const { items } = await listRegistrations(db, o.actor, o.meetingId);
  checkExportSize(items.length, o.maxRows);
  await recordAudit(db, o.context, {
    action: 'meeting.export',
    objectType: 'meeting',
    objectId: meeting.id,
    details: { registrations: items.length },
    scopePath: meeting.path,
  });
  return writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '签到名单', 'en-US': 'Door list' }, columns: REGISTRATION_COLUMNS, rows: items })],
    o.actor.locale,
  );
}

export async function exportDecisions(db: Db, o: ExportOptions): Promise<Buffer> {
  const { items } = await listDecisions(db, o.actor, { regionCode: o.regionCode });
  const rows = items.flatMap((decision): TaskLine[] =>
    decision.tasks.length === 0 ? [{ decision, task: null }] : decision.tasks.map((task) => ({ decision, task })),
  );
  checkExportSize(rows.length, o.maxRows);
  await recordAudit(db, o.context, {
    action: 'decision.export',
    objectType: 'decision',
    details: { rows: rows.length, regionCode: o.regionCode ?? null },
  });
  return writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '决议落实', 'en-US': 'Decisions' }, columns: DECISION_COLUMNS, rows })],
    o.actor.locale,
  );
}
