import type { Module } from '../../platform/http.js';
import { residentsRoutes } from './residents.routes.js';

/**
 * The resident portal's server side: self-registration, "my reports" with follow keys,
 * the pin map, and following a case by code and key without an account. Residents report
 * and rate through the cases module like every channel.
 */
export const residentsModule: Module = {
  name: 'residents',
  apiRoutes: residentsRoutes,
};
