import type { Module } from '../../platform/http.js';
import { gridsRoutes } from './grids.routes.js';

export const gridsModule: Module = { name: 'grids', apiRoutes: gridsRoutes };
