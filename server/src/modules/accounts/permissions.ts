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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everyone on the government side: field staff and desks. */
const STAFF: Permission[] = ['regions.read', 'grids.read', 'photos.upload', 'photos.read'];
const DESK: Permission[] = [...STAFF, 'units.read', 'staffing.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  leader: [...DESK, 'users.read'],
  operator: [...DESK, 'users.read', 'staffing.manage', 'photos.original'],
  handler: DESK,
  workstation_staff: [...DESK, 'users.read', 'staffing.manage'],
  grid_head: [...DESK, 'staffing.manage'],
  deputy_grid_head: DESK,
  grid_worker: STAFF,
  supervisor: [...DESK, 'photos.original'],
  informant: STAFF,
  patroller: STAFF,
  liaison: STAFF,
  resident: ['photos.upload', 'photos.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

export const can = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
