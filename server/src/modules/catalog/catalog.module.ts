import type { Module } from '../../platform/http.js';
import { catalogRoutes } from './catalog.routes.js';

export const catalogModule: Module = { name: 'catalog', apiRoutes: catalogRoutes };
