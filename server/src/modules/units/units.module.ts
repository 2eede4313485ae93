import type { Module } from '../../platform/http.js';
import { unitsRoutes } from './units.routes.js';

export const unitsModule: Module = { name: 'units', apiRoutes: unitsRoutes };
