import type { Role } from '@yiwang/contracts';

/**
 * What each role may do. Permissions say *what*; the data scope says *where* and is
 * applied in every query. Later modules add their permissions here.
 */
export const PERMISSIONS = [
  'regions.read',
  'units.read',
  'units.manage',
  'users.read',
  'users.manage',
  'api-keys.manage',
  'audit.read',
  'audit.verify',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['regions.read'];
const DESK: Permission[] = [...EVERYONE, 'units.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  leader: [...DESK, 'users.read'],
  operator: [...DESK, 'users.read'],
  handler: DESK,
  workstation_staff: [...DESK, 'users.read'],
  grid_head: DESK,
  deputy_grid_head: DESK,
  grid_worker: EVERYONE,
  supervisor: DESK,
  informant: EVERYONE,
  patroller: EVERYONE,
  liaison: EVERYONE,
  resident: [],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

export const can = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
