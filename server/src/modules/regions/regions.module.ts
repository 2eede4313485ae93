import type { Module } from '../../platform/http.js';
import { regionsRoutes } from './regions.routes.js';

export const regionsModule: Module = { name: 'regions', apiRoutes: regionsRoutes };
