/**
 * Roles from the glossary. One account may hold several; what each may do is decided
 * on the server (server/src/modules/accounts/permissions.ts). The UI uses the same list
 * for navigation and forms.
 */
export const ROLES = [
  'admin',
  'leader',
  'operator',
  'handler',
  'workstation_staff',
  'grid_head',
  'deputy_grid_head',
  'grid_worker',
  'supervisor',
  'informant',
  'patroller',
  'liaison',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

/** Grid-team roles (一长五员 plus the police deputy head). */
export const GRID_TEAM_ROLES = [
  'grid_head',
  'deputy_grid_head',
  'grid_worker',
  'supervisor',
  'informant',
  'patroller',
  'liaison',
] as const satisfies readonly Role[];

export const UNIT_KINDS = ['command_center', 'department', 'workstation'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const REGION_LEVELS = ['county', 'town', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** A mainland China mobile number (a resident's login name): 11 digits starting 13–19. */
export const MAINLAND_MOBILE_PATTERN = '^1[3-9][0-9]{9}$';
