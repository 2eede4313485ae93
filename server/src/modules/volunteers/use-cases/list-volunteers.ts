import type { Locale, VolunteerList, VolunteerListQuery } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { presentVolunteer } from '../present-volunteers.js';
import { areaPathOf } from '../volunteer-community.js';
import { volunteersRepository } from '../volunteers.repository.js';

type Row = VolunteerList['items'][number];

async function volunteersOf(db: Db, actor: Actor, query: VolunteerListQuery): Promise<Row[]> {
  const areaPath = await areaPathOf(db, actor.scopePath, query.communityCode);
  const rows = await volunteersRepository.listVolunteers(db, { areaPath, q: query.q });
  const totals = await volunteersRepository.timeBankTotals(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentVolunteer(r, totals.get(r.id)));
}

/** The volunteer registry of my scope (names of people: the view is audited). */
export async function listVolunteers(
  db: Db,
  actor: Actor,
  context: AuditContext,
  query: VolunteerListQuery,
): Promise<VolunteerList> {
  const items = await volunteersOf(db, actor, query);
  await recordAudit(db, context, {
    action: 'volunteer.view',
    objectType: 'volunteer',
    details: { communityCode: query.communityCode ?? null, q: query.q ?? null, volunteers: items.length },
  });
  return { items };
}

const COLUMNS: readonly ColumnSpec<Row>[] = [
  { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, width: 12, value: (v) => v.name },
  { header: { 'zh-CN': '社区', 'en-US': 'Community' }, width: 14, value: (v) => v.communityCode },
  { header: { 'zh-CN': '技能', 'en-US': 'Skills' }, width: 24, value: (v) => v.skills.join('、') },
  { header: { 'zh-CN': '可服务时间', 'en-US': 'Availability' }, width: 20, value: (v) => v.availability },
  { header: { 'zh-CN': '培训', 'en-US': 'Training' }, width: 20, value: (v) => v.training.join('、') },
  {
    header: { 'zh-CN': '服务时长（小时）', 'en-US': 'Hours served' },
    width: 14,
    type: 'number',
    value: (v) => Math.round((v.minutesServed / 60) * 100) / 100,
  },
  {
    header: { 'zh-CN': '时间银行积分', 'en-US': 'Time-bank points' },
    width: 14,
    type: 'number',
    value: (v) => v.points,
  },
  {
    header: { 'zh-CN': '登记时间', 'en-US': 'Registered' },
    width: 17,
    type: 'datetime',
    value: (v) => new Date(v.createdAt),
  },
];

/** The registry as an Excel workbook, with the same filters; audited. */
export async function exportVolunteers(
  db: Db,
  actor: Actor,
  context: AuditContext,
  options: { query: VolunteerListQuery; locale: Locale },
): Promise<{ bytes: Buffer }> {
  const items = await volunteersOf(db, actor, options.query);
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '志愿者名册', 'en-US': 'Volunteers' }, columns: COLUMNS, rows: items })],
    options.locale,
  );
  await recordAudit(db, context, {
    action: 'volunteer.export',
    objectType: 'volunteer',
    details: { communityCode: options.query.communityCode ?? null, volunteers: items.length },
  });
  return { bytes };
}
