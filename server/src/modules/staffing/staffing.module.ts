import type { Module } from '../../platform/http.js';
import { staffingRoutes } from './staffing.routes.js';

export const staffingModule: Module = { name: 'staffing', apiRoutes: staffingRoutes };
