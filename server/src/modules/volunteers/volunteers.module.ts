import type { Module } from '../../platform/http.js';
import * as tables from './volunteers.tables.js';

/**
 * Volunteers (志愿者) and the service directory: the registry of volunteers, social organizations
 * and service providers residents can search, activities with shifts and capped sign-up, hours
 * verified by the organizer into a time bank (1 hour = 1 point), certificates.
 */
export const volunteersModule = {
  name: 'volunteers',
  tables,
  permissions: {
    'volunteers.read': ['leader', 'operator', 'workstation_staff', 'grid_head', 'grid_worker'],
    'volunteers.manage': ['workstation_staff', 'grid_head'],
    'volunteers.join': ['resident'],
  },
} satisfies Module;
