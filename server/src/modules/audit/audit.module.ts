import type { Module } from '../../platform/http.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule: Module = { name: 'audit', apiRoutes: auditRoutes };
