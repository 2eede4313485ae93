import type { Module } from '../../platform/http.js';
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
} satisfies Module;
