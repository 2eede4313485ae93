import type { Permission, SessionInfo } from '@yiwang/contracts';

/** The shared vocabulary's permissions; the UI only uses them to decide what to show, the server decides what is allowed. */
export type { Permission };

export const hasPermission = (session: SessionInfo, permission: Permission): boolean =>
  session.permissions.includes(permission);
