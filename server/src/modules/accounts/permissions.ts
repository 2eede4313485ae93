import { PERMISSIONS, type Permission, ROLES, type Role } from '@yiwang/contracts';
import type { PermissionGrants } from '../../platform/http.js';

export { PERMISSIONS, type Permission };

let grantsByRole: ReadonlyMap<Role, ReadonlySet<Permission>> | null = null;

/**
 * Takes in the grants every module declares (modules/index.ts, once at start): what each
 * role may do. The admin holds every permission of the shared vocabulary. A permission
 * declared by two modules, or by none, is a startup error.
 */
export function grantPermissions(declared: readonly { name: string; permissions?: PermissionGrants }[]): void {
  const owner = new Map<Permission, string>();
  const byRole = new Map<Role, Set<Permission>>(ROLES.map((role) => [role, new Set<Permission>()]));
  for (const module of declared) {
    for (const [permission, roles] of Object.entries(module.permissions ?? {}) as [Permission, readonly Role[]][]) {
      const first = owner.get(permission);
      if (first && first !== module.name)
        throw new Error(`permission ${permission} is declared by ${first} and ${module.name}`);
      owner.set(permission, module.name);
      for (const role of roles) byRole.get(role)?.add(permission);
    }
  }
  const undeclared = PERMISSIONS.filter((p) => !owner.has(p));
  if (undeclared.length) throw new Error(`permissions declared by no module: ${undeclared.join(', ')}`);
  byRole.set('admin', new Set(PERMISSIONS));
  // In the vocabulary's order, whatever the order of the modules.
  grantsByRole = new Map(
    [...byRole].map(([role, granted]) => [role, new Set(PERMISSIONS.filter((p) => granted.has(p)))]),
  );
}

function grantsOf(role: Role): ReadonlySet<Permission> {
  if (!grantsByRole) throw new Error('no permissions granted yet: import modules/index.ts first');
  return grantsByRole.get(role) ?? new Set();
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of grantsOf(role)) result.add(p);
  return result;
}

export const can = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => grantsOf(role).has(permission));
