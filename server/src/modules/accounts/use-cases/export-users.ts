import { type Locale, ROLE_LABELS, type Role } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import {
  type ColumnSpec,
  checkExportSize,
  type Localized,
  sheetOf,
  writeWorkbook,
} from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';

const ROLE_NAMES: Readonly<Record<Role, Localized>> = ROLE_LABELS;

type UserRow = Awaited<ReturnType<typeof accountsRepository.listUsersInScope>>['items'][number];

const status = (u: UserRow, now: Date): Localized =>
  u.disabled
    ? { 'zh-CN': '已停用', 'en-US': 'Disabled' }
    : u.lockedUntil && u.lockedUntil > now
      ? { 'zh-CN': '已锁定', 'en-US': 'Locked' }
      : { 'zh-CN': '正常', 'en-US': 'Active' };

const userColumns = (now: Date): ColumnSpec<UserRow>[] => [
  { header: { 'zh-CN': '用户名', 'en-US': 'Username' }, width: 22, value: (u) => u.username },
  { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, width: 20, value: (u) => u.displayName },
  {
    header: { 'zh-CN': '角色', 'en-US': 'Roles' },
    width: 24,
    value: (u, locale) =>
      (u.roles as Role[]).map((r) => ROLE_NAMES[r]?.[locale] ?? r).join(locale === 'zh-CN' ? '、' : ', '),
  },
  { header: { 'zh-CN': '数据范围', 'en-US': 'Data scope' }, width: 20, value: (u) => u.scopeRegionName },
  { header: { 'zh-CN': '范围代码', 'en-US': 'Scope code' }, width: 14, value: (u) => u.scopeRegionCode },
  { header: { 'zh-CN': '所属单位', 'en-US': 'Unit' }, width: 28, value: (u) => u.unitName },
  { header: { 'zh-CN': '状态', 'en-US': 'Status' }, width: 9, value: (u, locale) => status(u, now)[locale] },
  {
    header: { 'zh-CN': '动态验证码', 'en-US': 'Authenticator' },
    width: 12,
    value: (u, locale) => (u.totpEnabled ? { 'zh-CN': '已启用', 'en-US': 'On' }[locale] : null),
  },
  { header: { 'zh-CN': '创建时间', 'en-US': 'Created' }, width: 17, type: 'datetime', value: (u) => u.createdAt },
  // Residents only: they sign in with their phone, which the server keeps sealed.
  { header: { 'zh-CN': '手机（脱敏）', 'en-US': 'Phone (masked)' }, width: 14, value: (u) => u.phoneMasked },
];

/**
 * The accounts of the user list (same search, role filter and scope as GET /api/users) as
 * a workbook, capped; names of people leave the system, so the export is audited.
 */
export async function exportUsers(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: {
    filter: { q?: string | undefined; role?: Role | undefined; phoneIndex?: string | undefined };
    maxRows: number;
    locale: Locale;
    now: Date;
  },
): Promise<Buffer> {
  const { items, total } = await accountsRepository.listUsersInScope(db, actor.scopePath, input.filter, {
    limit: input.maxRows,
    offset: 0,
  });
  checkExportSize(total, input.maxRows);
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '用户', 'en-US': 'Users' }, columns: userColumns(input.now), rows: items })],
    input.locale,
  );
  await db.transaction((tx) =>
    recordAudit(tx, context, {
      action: 'user.export',
      objectType: 'user-list',
      details: { query: { q: input.filter.q ?? null, role: input.filter.role ?? null }, rows: items.length },
    }),
  );
  return bytes;
}
