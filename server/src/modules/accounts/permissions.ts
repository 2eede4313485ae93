import { PERMISSIONS, type Permission, type Role } from '@yiwang/contracts';

export { PERMISSIONS, type Permission };

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
/** The grid team's own field records with the worker app (一长五员). */
const FIELD_RECORDS: Permission[] = ['patrols.record', 'visits.record'];
/** Who watches the field work of an area: patrol tracks are personal data, so only these. */
const FIELD_OVERSIGHT: Permission[] = ['patrols.read', 'visits.read'];

/** What each role may do (the permissions themselves are the shared vocabulary's). Later modules add their grants here. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  leader: [...DESK, 'users.read', 'cases.read', 'cases.supervise'],
  operator: [
    ...DESK,
    'users.read',
    'staffing.manage',
    'photos.original',
    ...COMMAND,
    'cases.supervise',
    'routing.manage',
    ...FIELD_OVERSIGHT,
    'visits.plan',
  ],
  handler: [...DESK, 'cases.read-unit', 'cases.handle'],
  workstation_staff: [
    ...DESK,
    'users.read',
    'staffing.manage',
    ...COMMAND,
    'cases.handle',
    ...FIELD_OVERSIGHT,
    'visits.plan',
  ],
  grid_head: [...DESK, 'staffing.manage', 'cases.read', ...FIELD_RECORDS, ...FIELD_OVERSIGHT, 'visits.plan'],
  deputy_grid_head: [...DESK, 'cases.read', ...FIELD_RECORDS],
  grid_worker: [...STAFF, ...FIELD, ...FIELD_RECORDS],
  supervisor: [...DESK, 'photos.original', ...FIELD, 'cases.supervise', ...FIELD_RECORDS, ...FIELD_OVERSIGHT],
  informant: [...STAFF, 'cases.read', ...FIELD_RECORDS],
  patroller: [...STAFF, ...FIELD, ...FIELD_RECORDS],
  liaison: [...STAFF, 'cases.read', ...FIELD_RECORDS],
  resident: ['photos.upload', 'photos.read', 'catalog.read', 'cases.report', 'cases.read-own', 'cases.rate'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

export const can = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
