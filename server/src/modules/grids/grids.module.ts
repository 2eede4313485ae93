import type { Module } from '../../platform/http.js';
import { gridsRoutes } from './grids.routes.js';
import { mapConfigRoutes } from './map-config.routes.js';

export const gridsModule: Module = {
  name: 'grids',
  apiRoutes: (app, ctx) => {
    gridsRoutes(app, ctx);
    mapConfigRoutes(app, ctx);
  },
};
