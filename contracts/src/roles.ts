import type { Labels } from './vocabulary/text.js';

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
  /** A wall screen's read-only account or API key: the big screen of its scope and nothing else. */
  'screen_viewer',
] as const;
export type Role = (typeof ROLES)[number];

/** What each role is called (the desk's pages and the server's exports). */
export const ROLE_LABELS: Labels<Role> = {
  admin: { 'zh-CN': '系统管理员', 'en-US': 'Administrator' },
  leader: { 'zh-CN': '领导', 'en-US': 'Leader' },
  operator: { 'zh-CN': '指挥中心值班员', 'en-US': 'Command-center operator' },
  handler: { 'zh-CN': '部门办件员', 'en-US': 'Department handler' },
  workstation_staff: { 'zh-CN': '工作站人员', 'en-US': 'Workstation staff' },
  grid_head: { 'zh-CN': '网格长', 'en-US': 'Grid head' },
  deputy_grid_head: { 'zh-CN': '副网格长', 'en-US': 'Deputy grid head' },
  grid_worker: { 'zh-CN': '网格员', 'en-US': 'Grid worker' },
  supervisor: { 'zh-CN': '督查员', 'en-US': 'Supervisor' },
  informant: { 'zh-CN': '信息员', 'en-US': 'Informant' },
  patroller: { 'zh-CN': '巡查员', 'en-US': 'Patroller' },
  liaison: { 'zh-CN': '联络员', 'en-US': 'Liaison' },
  resident: { 'zh-CN': '居民', 'en-US': 'Resident' },
  screen_viewer: { 'zh-CN': '大屏只读账号', 'en-US': 'Wall screen (read-only)' },
};

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

/** Every staff role but the administrator (who holds every permission anyway): desks, departments, the grid team. */
export const STAFF_ROLES = [
  'leader',
  'operator',
  'handler',
  'workstation_staff',
  ...GRID_TEAM_ROLES,
] as const satisfies readonly Role[];

export const UNIT_KINDS = ['command_center', 'department', 'workstation'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const REGION_LEVELS = ['county', 'town', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** A mainland China mobile number (a resident's login name): 11 digits starting 13–19. */
export const MAINLAND_MOBILE_PATTERN = '^1[3-9][0-9]{9}$';
