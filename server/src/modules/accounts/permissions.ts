import type { Role } from '@yiwang/contracts';

/**
 * What each role may do. Permissions say *what*; the data scope says *where* and is
 * applied in every query. Later modules add their permissions here.
 */
export const PERMISSIONS = [
  'regions.read',
  'grids.read',
  'grids.manage',
  'staffing.read',
  'staffing.manage',
  'units.read',
  'units.manage',
  'users.read',
  'users.manage',
  'api-keys.manage',
  'audit.read',
  'audit.verify',
  'photos.upload',
  'photos.read',
  'photos.original',
  'catalog.read',
  'catalog.manage',
  'cases.report',
  /** Every case in the data scope. */
  'cases.read',
  /** Only cases the caller's unit commands, handles, assists or was summoned to (department handlers). */
  'cases.read-unit',
  /** Only cases the caller reported (residents). */
  'cases.read-own',
  /** Command-unit commands: register, void, dispatch, review returns, hold, escalate, whistle, archive… */
  'cases.operate',
  /** Handling-unit commands: accept, return, feedback, extension requests, arrival and part. */
  'cases.handle',
  'cases.verify',
  'cases.rate',
  'cases.supervise',
  /** See a reporter's full phone number for a stated purpose (audited). */
  'cases.reveal',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everyone on the government side: field staff and desks. */
const STAFF: Permission[] = [
  'regions.read',
  'grids.read',
  'photos.upload',
  'photos.read',
  'catalog.read',
  'cases.report',
];
const DESK: Permission[] = [...STAFF, 'units.read', 'staffing.read'];
/** A command center or workstation desk: runs the loop for its unit. */
const COMMAND: Permission[] = ['cases.read', 'cases.operate', 'cases.verify', 'cases.rate', 'cases.reveal'];
/** Field staff: report, see their area's cases, check on site. */
const FIELD: Permission[] = ['cases.read', 'cases.verify'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  leader: [...DESK, 'users.read', 'cases.read', 'cases.supervise'],
  operator: [...DESK, 'users.read', 'staffing.manage', 'photos.original', ...COMMAND, 'cases.supervise'],
  handler: [...DESK, 'cases.read-unit', 'cases.handle'],
  workstation_staff: [...DESK, 'users.read', 'staffing.manage', ...COMMAND, 'cases.handle'],
  grid_head: [...DESK, 'staffing.manage', 'cases.read'],
  deputy_grid_head: [...DESK, 'cases.read'],
  grid_worker: [...STAFF, ...FIELD],
  supervisor: [...DESK, 'photos.original', ...FIELD, 'cases.supervise'],
  informant: [...STAFF, 'cases.read'],
  patroller: [...STAFF, ...FIELD],
  liaison: [...STAFF, 'cases.read'],
  resident: ['photos.upload', 'photos.read', 'catalog.read', 'cases.report', 'cases.read-own', 'cases.rate'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

export const can = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
