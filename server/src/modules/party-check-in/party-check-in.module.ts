import type { Module } from '../../platform/http.js';
import { loadDemoPartyCheckIn } from './load-demo-party-check-in.js';
import { partyCheckInRoutes } from './party-check-in.routes.js';
import * as tables from './party-check-in.tables.js';

/**
 * Party-member check-in (党员双报到): party organizations and members register with their
 * residential community, take service posts from its needs list and log their service; a
 * quarterly record per member exports for their employer.
 */
export const partyCheckInModule = {
  name: 'party-check-in',
  tables,
  permissions: {
    'party-check-in.read': ['leader', 'operator', 'workstation_staff'],
    'party-check-in.manage': ['workstation_staff'],
  },
  errors: {
    'service-post-full': {
      status: 409,
      'zh-CN': '岗位“{title}”人数已满，请选择其他岗位。',
      'en-US': 'The post “{title}” has all the people it needs; please choose another.',
    },
    'service-post-not-held': {
      status: 409,
      'zh-CN': '该党员没有认领这个岗位，请先认领再记录服务。',
      'en-US': 'This member does not hold that post; take it first, then log service on it.',
    },
  },
  demo: loadDemoPartyCheckIn,
  apiRoutes: partyCheckInRoutes,
} satisfies Module;
