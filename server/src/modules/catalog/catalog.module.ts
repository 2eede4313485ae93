import { STAFF_ROLES } from '@yiwang/contracts';
import type { Module } from '../../platform/http.js';
import { catalogRoutes } from './catalog.routes.js';
import * as tables from './catalog.tables.js';
import { seedMatterCatalog } from './use-cases/seed-matter-catalog.js';

export const catalogModule = {
  name: 'catalog',
  tables,
  permissions: {
    'catalog.read': [...STAFF_ROLES, 'resident'],
    'catalog.manage': [],
  },
  fieldProblems: {
    catalog: { 'zh-CN': '{problemZh}', 'en-US': '{problem}' },
  },
  demo: async (tx, { now }) => ({ matters: await seedMatterCatalog(tx, now) }),
  apiRoutes: catalogRoutes,
} satisfies Module;
