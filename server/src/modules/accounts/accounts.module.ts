import type { Module } from '../../platform/http.js';
import { authRoutes } from './auth.routes.js';
import { usersRoutes } from './users.routes.js';

export const accountsModule: Module = {
  name: 'accounts',
  apiRoutes: async (app, ctx) => {
    await authRoutes(app, ctx);
    usersRoutes(app, ctx);
  },
};
