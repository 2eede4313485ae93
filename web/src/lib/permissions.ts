import type { SessionInfo } from '@yiwang/contracts';

/**
 * Permission strings the server grants (server/src/modules/accounts/permissions.ts).
 * The UI only uses them to decide what to show; the server decides what is allowed.
 */
export type Permission =
  | 'regions.read'
  | 'grids.read'
  | 'grids.manage'
  | 'staffing.read'
  | 'staffing.manage'
  | 'units.read'
  | 'units.manage'
  | 'users.read'
  | 'users.manage'
  | 'api-keys.manage'
  | 'audit.read'
  | 'audit.verify'
  | 'photos.upload'
  | 'photos.read'
  | 'photos.original'
  | 'catalog.read'
  | 'catalog.manage'
  | 'cases.report'
  | 'cases.read'
  | 'cases.read-unit'
  | 'cases.read-own'
  | 'cases.operate'
  | 'cases.handle'
  | 'cases.verify'
  | 'cases.rate'
  | 'cases.supervise'
  | 'cases.reveal'
  | 'routing.manage'
  | 'patrols.record'
  | 'patrols.read'
  | 'visits.record'
  | 'visits.read'
  | 'visits.plan';

export const hasPermission = (session: SessionInfo, permission: Permission): boolean =>
  session.permissions.includes(permission);
