import type { Module } from '../../platform/http.js';
import { auditJobs } from './audit.jobs.js';
import { auditRoutes } from './audit.routes.js';
import * as tables from './audit.tables.js';

export const auditModule = {
  name: 'audit',
  tables,
  permissions: {
    'audit.read': [],
    'audit.verify': [],
  },
  errors: {
    'county-scope-required': {
      status: 403,
      'zh-CN': '此操作只对全县（市）范围的账号开放。',
      'en-US': 'Only accounts with the whole county as their scope may do this.',
    },
  },
  jobs: auditJobs,
  apiRoutes: auditRoutes,
} satisfies Module;
