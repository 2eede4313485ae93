import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/index.js';
import { fieldRoutes } from './field.routes.js';

/**
 * The worker app's day (today, nearby cases, "me too") and the desk's view of each
 * worker's activity; patrols and visits are their own modules.
 */
export const fieldModule = {
  name: 'field',

  apiRoutes: (app, { database }) => {
    fieldRoutes(app, { db: database.db, audit: recordAudit });
  },
} satisfies Module;
