import type { Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { quarterRange } from '../domain/quarter.js';
import { partyCheckInRepository } from '../party-check-in.repository.js';

interface Line {
  servedOn: string;
  postTitle: string;
  minutes: number;
  note: string;
}

/** A member's quarterly service record (季度服务记录) as an Excel workbook, for their employer; audited. */
export async function exportServiceRecord(
  db: Db,
  actor: Actor,
  context: AuditContext,
  options: { memberId: string; quarter: string; locale: Locale },
): Promise<{ bytes: Buffer; memberName: string }> {
  const range = quarterRange(options.quarter);
  if (!range) throw new DomainError('validation', {}, [{ field: 'quarter', code: 'invalid' }]);
  const member = await partyCheckInRepository.memberInScope(db, options.memberId, actor.scopePath);
  if (!member) throw new DomainError('not-found');
  const rows = await partyCheckInRepository.logsBetween(db, member.id, range.from, range.to);
  const community = await regionsLookups.findByCode(db, member.communityCode);
  const lines: Line[] = rows.map((r) => ({
    servedOn: r.log.servedOn,
    postTitle: r.postTitle,
    minutes: r.log.minutes,
    note: r.log.note,
  }));
  const total = lines.reduce((sum, l) => sum + l.minutes, 0);
  const communityName = community
    ? { 'zh-CN': community.name, 'en-US': community.nameEn }
    : { 'zh-CN': '', 'en-US': '' };
  const columns: readonly ColumnSpec<Line>[] = [
    { header: { 'zh-CN': '服务日期', 'en-US': 'Date' }, width: 12, value: (l) => l.servedOn },
    { header: { 'zh-CN': '服务岗位', 'en-US': 'Service post' }, width: 24, value: (l) => l.postTitle },
    {
      header: { 'zh-CN': '时长（小时）', 'en-US': 'Hours' },
      width: 12,
      type: 'number',
      value: (l) => Math.round((l.minutes / 60) * 100) / 100,
    },
    { header: { 'zh-CN': '服务内容', 'en-US': 'What was done' }, width: 40, value: (l) => l.note },
  ];
  const summary: readonly ColumnSpec<[Record<Locale, string>, string]>[] = [
    { header: { 'zh-CN': '项目', 'en-US': 'Item' }, width: 16, value: (r, l) => r[0][l] },
    { header: { 'zh-CN': '内容', 'en-US': 'Value' }, width: 40, value: (r) => r[1] },
  ];
  const bytes = await writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '党员双报到服务记录', 'en-US': 'Service record' },
        columns: summary,
        rows: [
          [{ 'zh-CN': '姓名', 'en-US': 'Name' }, member.name],
          [{ 'zh-CN': '工作单位', 'en-US': 'Employer' }, member.employer],
          [{ 'zh-CN': '报到社区', 'en-US': 'Community' }, communityName[options.locale]],
          [{ 'zh-CN': '季度', 'en-US': 'Quarter' }, options.quarter],
          [{ 'zh-CN': '服务次数', 'en-US': 'Times served' }, String(lines.length)],
          [{ 'zh-CN': '服务总时长（小时）', 'en-US': 'Hours in all' }, String(Math.round((total / 60) * 100) / 100)],
        ],
      }),
      sheetOf({ title: { 'zh-CN': '服务明细', 'en-US': 'Services' }, columns, rows: lines }),
    ],
    options.locale,
  );
  await recordAudit(db, context, {
    action: 'party-service.export',
    objectType: 'party-member',
    objectId: member.id,
    scopePath: member.path,
    details: { quarter: options.quarter, services: lines.length, minutes: total },
  });
  return { bytes, memberName: member.name };
}
